"""A minimal PEP 517 backend: builds the orgnet wheel with the standard library alone.

The wheel holds the pure-Python package and, next to it, the liborgnet shared library found
the way the package itself finds it ($ORGNET_LIBRARY, then the source tree's build folders),
so that an installed package works without any environment variable.
"""

import base64
import hashlib
import os
import sysconfig
import zipfile

NAME, VERSION = "orgnet", "0.1.0"
HERE = os.path.dirname(os.path.abspath(__file__))
DIST_INFO = "%s-%s.dist-info" % (NAME, VERSION)


def _library():
    candidates = []
    if os.environ.get("ORGNET_LIBRARY"):
        candidates.append(os.environ["ORGNET_LIBRARY"])
    root = os.path.normpath(os.path.join(HERE, "..", ".."))
    for build in ["build"] + sorted(d for d in os.listdir(root) if d.startswith("build")):
        candidates.append(os.path.join(root, build, "liborgnet.so"))
    for path in candidates:
        if os.path.isfile(path):
            return os.path.realpath(path)
    raise RuntimeError("liborgnet.so not found (build the C++ library first, or set "
                       "ORGNET_LIBRARY); tried: " + ", ".join(candidates))


def _record_line(name, data):
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return "%s,sha256=%s,%d" % (name, digest, len(data))


def _tag():
    return "py3-none-" + sysconfig.get_platform().replace("-", "_").replace(".", "_")


def get_requires_for_build_wheel(config_settings=None):
    return []


def _metadata():
    return ("Metadata-Version: 2.1\nName: %s\nVersion: %s\nSummary: The 1+N party-building "
            "organization network as a graph\nLicense: MIT\nRequires-Python: >=3.8\n"
            % (NAME, VERSION))


def prepare_metadata_for_build_wheel(metadata_directory, config_settings=None):
    folder = os.path.join(metadata_directory, DIST_INFO)
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, "METADATA"), "w") as f:
        f.write(_metadata())
    return DIST_INFO


def build_wheel(wheel_directory, config_settings=None, metadata_directory=None):
    files = {}
    package = os.path.join(HERE, NAME)
    for folder, subfolders, names in os.walk(package):  # the package and its subpackages
        subfolders[:] = sorted(d for d in subfolders if d != "__pycache__")
        relative = os.path.relpath(folder, HERE).replace(os.sep, "/")
        for name in sorted(names):
            if name.endswith(".py") or name == "py.typed":  # py.typed: PEP 561, typed
                with open(os.path.join(folder, name), "rb") as f:
                    files["%s/%s" % (relative, name)] = f.read()
    with open(_library(), "rb") as f:
        files["%s/liborgnet.so" % NAME] = f.read()
    files[DIST_INFO + "/METADATA"] = _metadata().encode()
    files[DIST_INFO + "/WHEEL"] = ("Wheel-Version: 1.0\nGenerator: orgnet_build\n"
                                   "Root-Is-Purelib: false\nTag: %s\n" % _tag()).encode()
    files[DIST_INFO + "/entry_points.txt"] = b"[console_scripts]\norgnet = orgnet.cli:main\n"
    record = [_record_line(name, data) for name, data in files.items()]
    record.append(DIST_INFO + "/RECORD,,")
    files[DIST_INFO + "/RECORD"] = ("\n".join(record) + "\n").encode()
    wheel_name = "%s-%s-%s.whl" % (NAME, VERSION, _tag())
    with zipfile.ZipFile(os.path.join(wheel_directory, wheel_name), "w",
                         zipfile.ZIP_DEFLATED) as wheel:
        for name, data in files.items():
            info = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))
            info.external_attr = (0o755 if name.endswith(".so") else 0o644) << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            wheel.writestr(info, data)
    return wheel_name


def build_sdist(sdist_directory, config_settings=None):
    raise RuntimeError("orgnet ships from its source tree: install with pip from "
                       "bindings/python after building liborgnet")
