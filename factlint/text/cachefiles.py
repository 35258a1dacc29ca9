"""Files factlint keeps between runs: signed, written atomically, pruned.

The extraction cache and the pre-commit hook's corpus index
(:class:`~factlint.corpus.ExtractionCache`,
:mod:`~factlint.integrations.hook_index`) are pickles in ``.factlint_cache/`` in the
user's repository, and loading a pickle can run any code.  A repository someone else
committed a ``.factlint_cache/`` into would run their code on the editor's machine at the
next commit.  So every file carries an HMAC-SHA256 of its contents and name, keyed with
a random per-user key kept outside every repository (:func:`key_path`:
``$XDG_CACHE_HOME/factlint/cache-key``, else ``~/.cache/factlint/cache-key``, mode
0600); a file whose HMAC does not verify is never unpickled: it is ignored and rebuilt.
A key readable or writable by others, or owned by another user, is not used (then
nothing is cached, and :func:`key_problem` says why).

Each file is written to a temporary file in its folder and renamed into place, so a
concurrent run reads the old file or the new one, never half of one (a half-written
file would also fail its HMAC).  The cache folder is created with a ``.gitignore`` of
``*`` and a ``CACHEDIR.TAG`` already inside it (made in a temporary folder and renamed
into place, as pytest makes ``.pytest_cache``), so git and backup tools never see it
without them.

Files unused for :data:`MAX_AGE_DAYS` days are deleted, and those of another factlint
version (another folder under ``extract/`` and ``index/``) after
:data:`OTHER_VERSION_DAYS`, by :func:`prune`, at most once a day; a file used again is
marked (its modification time) at most once a day too.  Deleting the folder is always
safe.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import sys
import time

from .writing import new_private_file

__all__ = ["MAX_AGE_DAYS", "OTHER_VERSION_DAYS", "dump", "key_path", "key_problem", "load",
           "prepare", "prune", "user_key"]

#: What a signed file starts with; a file without it is not ours (or an older layout).
MAGIC = b"factlint-cache-1\n"
_MAC_SIZE = hashlib.sha256().digest_size
_KEY_SIZE = 32
_DAY = 86400.0

#: A cache file not used for this many days is deleted by :func:`prune`.
MAX_AGE_DAYS = 30
#: ... and one of another factlint version after this many.
OTHER_VERSION_DAYS = 2
#: The file whose modification time says when the cache was last pruned.
PRUNED_MARK = "last-pruned"

GITIGNORE = "# made by factlint; safe to delete\n*\n"
CACHEDIR_TAG = ("Signature: 8a477f597d28d172789f06886806bc55\n"
                "# This file is a cache directory tag created by factlint.\n"
                "# For information about cache directory tags, see:\n"
                "#\thttps://bford.info/cachedir/\n")


def key_path() -> str:
    """Where the per-user key lives: outside every repository, in the user's cache."""
    base = os.environ.get("XDG_CACHE_HOME", "")
    if not os.path.isabs(base):  # the XDG spec: a relative value is ignored
        if sys.platform == "win32" and os.environ.get("LOCALAPPDATA"):
            base = os.environ["LOCALAPPDATA"]
        else:
            base = os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "factlint", "cache-key")


#: (key or None, why there is none) for this process, keyed by the key's path.
_KEYS: dict[str, tuple[bytes | None, str]] = {}


def user_key() -> bytes | None:
    """The per-user key, made on first use; None when it cannot be made or trusted."""
    path = key_path()
    if path not in _KEYS:
        _KEYS[path] = _read_key(path)
    return _KEYS[path][0]


def key_problem() -> str:
    """Why :func:`user_key` is None ("" when there is a key)."""
    user_key()
    return _KEYS[key_path()][1]


def _read_key(path: str) -> tuple[bytes | None, str]:
    for _ in range(2):
        try:
            with open(path, "rb") as handle:
                facts = os.fstat(handle.fileno())
                key = handle.read(_KEY_SIZE + 1)
        except FileNotFoundError:
            problem = _make_key(path)
            if problem:
                return None, problem
            continue
        except OSError as exc:
            return None, f"cannot read {path}: {exc.strerror or exc}"
        if hasattr(os, "getuid") and (facts.st_uid != os.getuid() or facts.st_mode & 0o077):
            return None, (f"{path} is not private to you (owner and mode 0600 expected); "
                          f"delete it and factlint makes a new one")
        if len(key) != _KEY_SIZE:
            return None, f"{path} is not a factlint key; delete it and factlint makes a new one"
        return key, ""
    return None, f"cannot make {path}"


def _make_key(path: str) -> str:
    """Write a new random key; "" when made (or another run made one meanwhile)."""
    folder = os.path.dirname(path)
    try:
        os.makedirs(folder, mode=0o700, exist_ok=True)
        descriptor, temporary = new_private_file(folder, ".key-")
    except OSError as exc:
        return f"cannot make {path}: {exc.strerror or exc}"
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(os.urandom(_KEY_SIZE))
            handle.flush()
            os.fsync(handle.fileno())
        try:
            os.link(temporary, path)  # never replaces a key another run made first
        except FileExistsError:
            pass
        except OSError:  # a file system without hard links
            if not os.path.exists(path):
                try:
                    os.rename(temporary, path)
                except OSError as exc:
                    return f"cannot make {path}: {exc.strerror or exc}"
    finally:
        try:
            os.unlink(temporary)
        except OSError:
            pass
    return ""


def _mac(key: bytes, name: str, payload: bytes | memoryview) -> bytes:
    signer = hmac.new(key, name.encode("utf-8", "surrogateescape") + b"\0", hashlib.sha256)
    signer.update(payload)
    return signer.digest()


def load(path: str, key: bytes | None) -> object | None:
    """The object stored in ``path`` if its HMAC verifies under ``key``, else None (also
    when it is missing or unreadable).  A file used more than a day after it was last
    marked is marked used again (see :func:`prune`)."""
    if key is None:
        return None
    try:
        with open(path, "rb") as handle:
            data = handle.read()
            modified = os.fstat(handle.fileno()).st_mtime
    except OSError:
        return None
    head = len(MAGIC) + _MAC_SIZE
    if len(data) < head or not data.startswith(MAGIC):
        return None
    payload = memoryview(data)[head:]
    if not hmac.compare_digest(data[len(MAGIC):head], _mac(key, os.path.basename(path),
                                                             payload)):
        return None  # not written by this user's factlint: never unpickled
    import pickle  # only once a file verifies (``factlint extract`` never needs it)

    try:
        value = pickle.loads(payload)
    except Exception:  # signed by us, but by code whose classes have moved
        return None
    if time.time() - modified > _DAY:
        try:
            os.utime(path)
        except OSError:
            pass
    return value


def dump(path: str, value: object, key: bytes | None, root: str) -> bool:
    """Store ``value`` in ``path`` (under the cache folder ``root``), signed, atomically;
    False when it cannot be (no key, a folder that cannot be written: only no caching)."""
    if key is None:
        return False
    import pickle

    payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    folder = os.path.dirname(path)
    try:
        prepare(root)
        os.makedirs(folder, exist_ok=True)
        descriptor, temporary = new_private_file(folder, ".tmp-")
    except OSError:
        return False
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(MAGIC)
            handle.write(_mac(key, os.path.basename(path), payload))
            handle.write(payload)
        os.replace(temporary, path)
    except OSError:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        return False
    return True


def prepare(root: str) -> None:
    """Make the cache folder ``root`` with its ``.gitignore`` and ``CACHEDIR.TAG``."""
    if os.path.isfile(os.path.join(root, "CACHEDIR.TAG")):
        return
    if os.path.isdir(root):  # made by an older factlint, or by hand
        _write_markers(root)
        return
    parent = os.path.dirname(os.path.abspath(root))
    os.makedirs(parent, exist_ok=True)
    building = os.path.join(parent, ".factlint_cache-" + os.urandom(8).hex())
    os.mkdir(building)
    try:
        _write_markers(building)
        os.rename(building, root)
    except OSError:  # another run made it first
        import shutil

        shutil.rmtree(building, ignore_errors=True)
        if not os.path.isdir(root):
            raise


def _write_markers(folder: str) -> None:
    for name, text in ((".gitignore", GITIGNORE), ("CACHEDIR.TAG", CACHEDIR_TAG)):
        with open(os.path.join(folder, name), "w", encoding="utf-8") as out:
            out.write(text)


def prune(root: str, areas: tuple[str, ...], version: str, now: float | None = None) -> bool:
    """Delete what no run will read again, at most once a day: in each of ``areas`` (a
    folder of ``root`` holding one folder per factlint version), files of ``version`` not
    used for :data:`MAX_AGE_DAYS` days, files of other versions not used for
    :data:`OTHER_VERSION_DAYS` (anything else there after as long), temporary files a
    crashed run left, and folders left empty.  True when it pruned.

    Bounded: one ``stat`` on every run; one walk of the cache once a day.
    """
    now = time.time() if now is None else now
    mark = os.path.join(root, PRUNED_MARK)
    try:
        if now - os.stat(mark).st_mtime < _DAY:
            return False
    except FileNotFoundError:
        if not os.path.isdir(root):
            return False
    except OSError:
        return False
    try:  # marked first: a concurrent run does not prune too
        with open(mark, "w", encoding="utf-8") as out:
            out.write("the last time factlint deleted unused cache files\n")
        os.utime(mark, (now, now))
    except OSError:
        return False
    for area in areas:
        top = os.path.join(root, area)
        try:
            children = list(os.scandir(top))
        except OSError:
            continue
        for child in children:
            days = MAX_AGE_DAYS if child.name == version else OTHER_VERSION_DAYS
            _prune_tree(child.path, now - days * _DAY, now - 3600.0)
    return True


def _prune_tree(path: str, unused_before: float, crashed_before: float) -> None:
    try:
        if not os.path.isdir(path) or os.path.islink(path):
            modified = os.lstat(path).st_mtime
            if modified < unused_before or (os.path.basename(path).startswith(".tmp-")
                                            and modified < crashed_before):
                os.unlink(path)
            return
        for entry in list(os.scandir(path)):
            _prune_tree(entry.path, unused_before, crashed_before)
        os.rmdir(path)  # fails, harmlessly, unless it is now empty
    except OSError:
        pass
