"""The ripple's lab: graph measurements that need no database (edge lists, link prediction, brokers)."""
