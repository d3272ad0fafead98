# stakemap — stakeholder network mapping
# SPDX-License-Identifier: GPL-2.0-or-later
"""The Python examples run to completion (examples/python)."""
import os
import subprocess
import sys

import pytest


@pytest.mark.parametrize("script,args", [
    ("gap_study.py", ["--png", "{tmp}/gap.png"]),
    ("networkx_roundtrip.py", []),
])
def test_example_runs(source_dir, tmp_path, script, args):
    path = os.path.join(source_dir, "examples", "python", script)
    r = subprocess.run([sys.executable, path, *[a.format(tmp=tmp_path) for a in args]],
                       capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    if script == "gap_study.py":
        assert "Recommended new contacts:" in r.stdout
        try:
            import matplotlib  # noqa: F401
        except ImportError:
            return
        png = tmp_path / "gap.png"
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    else:
        assert "kept 5 nodes, 5 edges and every attribute" in r.stdout
