# stakemap — stakeholder network mapping
# SPDX-License-Identifier: GPL-2.0-or-later
"""Build the stakemap Python package with setuptools (pip), offline:

    /usr/bin/python3 -m pip install --no-build-isolation bindings/python

The extension links libstakemap. Where it is found:
  - STAKEMAP_INCLUDE_DIR (one or more directories, os.pathsep-separated; a build
    tree needs both include/ of the sources and include/ of the build, for the
    generated export.h and version.h) and STAKEMAP_LIB_DIR (the directory of
    libstakemap.so; it is also written as the extension's run path), or else
  - pkg-config stakemap (an installed library, e.g. after scripts/demo).
"""
import os
import re
import shlex
import subprocess

from setuptools import Extension, setup

HERE = os.path.dirname(os.path.abspath(__file__))


def pkg_config(*args):
    try:
        out = subprocess.run(["pkg-config", *args, "stakemap"], check=True,
                             capture_output=True, text=True).stdout
    except (OSError, subprocess.CalledProcessError) as e:
        raise SystemExit(
            "stakemap: libstakemap not found. Install it (cmake --install, or scripts/demo) "
            "so that `pkg-config stakemap` works, or set STAKEMAP_INCLUDE_DIR and "
            f"STAKEMAP_LIB_DIR ({e})")
    return shlex.split(out)


def library():
    include = os.environ.get("STAKEMAP_INCLUDE_DIR")
    libdir = os.environ.get("STAKEMAP_LIB_DIR")
    if include or libdir:
        dirs = [d for d in (include or "").split(os.pathsep) if d]
        libs = [d for d in (libdir or "").split(os.pathsep) if d]
        return dict(include_dirs=dirs, library_dirs=libs, runtime_library_dirs=libs,
                    libraries=["stakemap"])
    flags = pkg_config("--cflags", "--libs")
    libs = [f[2:] for f in flags if f.startswith("-L")]
    return dict(include_dirs=[f[2:] for f in flags if f.startswith("-I")],
                library_dirs=libs, runtime_library_dirs=libs,
                libraries=[f[2:] for f in flags if f.startswith("-l")] or ["stakemap"])


def version():
    top = os.path.join(HERE, "..", "..", "CMakeLists.txt")
    if os.path.exists(top):
        with open(top, encoding="utf-8") as f:
            m = re.search(r"project\(stakemap VERSION (\d+\.\d+\.\d+)", f.read())
        if m:
            return m.group(1)
    return pkg_config("--modversion")[0]


setup(
    version=version(),
    ext_modules=[Extension(
        "stakemap._stakemap", ["src/_stakemap.c"],
        define_macros=[("_POSIX_C_SOURCE", "200809L")],
        extra_compile_args=["-std=c11", "-Wall", "-Wno-missing-field-initializers",
                            "-Wno-cast-function-type"],
        **library())],
)
