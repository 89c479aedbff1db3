"""OpenBLAS settings for Debian's torch, applied before torch is imported."""
import os


def _cpuinfo(field):
    """The first value of a /proc/cpuinfo field ("flags", "model name"), or None where there is no such file."""
    try:
        with open("/proc/cpuinfo") as f:
            return next((line.split(":", 1)[1].strip() for line in f if line.startswith(field)), None)
    except OSError:
        return None


def tune():
    """Debian's torch calls OpenBLAS, which on some virtual CPUs (a generic "Intel Xeon Processor" model) falls back
    to its Prescott kernels without AVX: matrix products then run 2-3x slower. Name the core type when the CPU has
    AVX2+FMA (the Haswell kernels need no more), and keep OpenBLAS's own threads from fighting torch's. Must run
    before torch loads OpenBLAS; a value the user set wins."""
    flags = (_cpuinfo("flags") or "").split()
    if "avx2" in flags and "fma" in flags:
        os.environ.setdefault("OPENBLAS_CORETYPE", "Haswell")
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
