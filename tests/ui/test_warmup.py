"""ui/warmup.py: the heavy libraries are loaded once, in the background."""

import sys

from ui import warmup


def test_the_warmup_loads_every_heavy_module_once():
    """It starts one thread per process that imports OR-Tools' model, the graph exports and the paperwork."""
    first = warmup.start()
    assert warmup.start() is first  # once per process
    first.join(timeout=120)
    assert not first.is_alive()
    assert all(name in sys.modules for name in warmup.MODULES)
    assert "ortools.sat.python.cp_model" in sys.modules and "matplotlib" in sys.modules
