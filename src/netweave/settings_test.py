"""Settings for the test suite: a throwaway data folder and fast password hashing, nothing else changed."""

import os
import tempfile

os.environ.setdefault("NETWEAVE_HOME", tempfile.mkdtemp(prefix="netweave-test-"))
os.environ.setdefault("NETWEAVE_FAST_HASHING", "True")

from netweave.settings import *  # noqa: E402,F403

ALLOWED_HOSTS = ALLOWED_HOSTS + ["testserver"]  # noqa: F405  (Django's test client's host)
NETWEAVE_HUEY_IMMEDIATE = True  # Huey runs each task where it is called, in memory: no consumer in tests
