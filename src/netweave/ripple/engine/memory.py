"""Reading this process's memory: resident size, and its high-water mark with a way to reset it (Linux)."""

from __future__ import annotations

MiB = 2**20


def status(field: str) -> int:
    """A /proc/self/status memory field (VmRSS, VmHWM) in bytes; 0 where there is no /proc."""
    try:
        with open("/proc/self/status") as handle:
            for line in handle:
                if line.startswith(field + ":"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def reset_peak() -> bool:
    """Reset the kernel's record of peak resident memory (VmHWM) to the current size; False if not possible."""
    try:
        with open("/proc/self/clear_refs", "w") as handle:
            handle.write("5")
        return status("VmHWM") > 0
    except OSError:
        return False


def lifetime_peak() -> int:
    """getrusage's peak resident memory of the whole process so far, in bytes."""
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def total_memory() -> int:
    try:
        with open("/proc/meminfo") as handle:
            for line in handle:
                if line.startswith("MemTotal:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0
