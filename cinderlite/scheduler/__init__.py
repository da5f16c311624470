"""The scheduler: places new volumes and empty groups on a live volume backend."""
