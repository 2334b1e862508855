"""Errors that services raise and every surface (web, API, CLI) turns into its own kind of answer."""

from __future__ import annotations


class Invalid(ValueError):
    """Input a service refuses. `errors` maps each field (e.g. "emails[1]") to why it was refused."""

    def __init__(self, errors: dict[str, str]):
        self.errors = dict(errors)
        super().__init__("; ".join(f"{field}: {why}" for field, why in self.errors.items()))


class NotFound(LookupError):
    """An object that does not exist for this owner. Surfaces answer 404 either way."""


class Ambiguous(LookupError):
    """A name that matches none or several people; `candidates` are the best guesses."""

    def __init__(self, text: str, candidates: list):
        self.text = text
        self.candidates = candidates
        if candidates:
            msg = f"{text!r} could be: " + ", ".join(str(c) for c in candidates)
        else:
            msg = f"nobody called {text!r}"
        super().__init__(msg)


class Duplicate(LookupError):
    """The new value already belongs to someone else (an email, say): offer a merge, not a second copy."""

    def __init__(self, field: str, value: str, existing: list):
        self.field = field
        self.value = value
        self.existing = existing
        names = ", ".join(str(p) for p in existing)
        super().__init__(f"{field}: {value} already belongs to {names}")
