# Sourced by scripts/run and scripts/test: make .venv and install Fonder from pyproject.toml.
# Re-installs only when pyproject.toml (or the wanted extras) changed since the last install.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="${FONDER_VENV:-$ROOT/.venv}"

pick_python() {
  for candidate in "${PYTHON:-}" python3 python3.13 python3.12 python3.11; do
    [[ -n "$candidate" ]] || continue
    if command -v "$candidate" >/dev/null 2>&1 &&
       "$candidate" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' 2>/dev/null; then
      echo "$candidate"; return 0
    fi
  done
  echo "Fonder needs Python 3.11 or newer (set PYTHON=/path/to/python3.11)." >&2
  return 1
}

ensure_venv() {  # $1: the pip target, e.g. "." or ".[dev]"
  local target="$1" stamp want
  if [[ ! -x "$VENV/bin/python" ]]; then
    "$(pick_python)" -m venv "$VENV"
  fi
  stamp="$VENV/.fonder-installed"
  want="$target $(cksum < "$ROOT/pyproject.toml")"
  # An install with the dev tools also satisfies a plain one.
  if [[ -f "$stamp" && -z "$target" ]] && grep -qxF "[dev] ${want# }" "$stamp"; then
    return 0
  fi
  if [[ ! -f "$stamp" ]] || ! grep -qxF "$want" "$stamp"; then
    echo "Installing Fonder${target:+ with its dev tools} into $VENV ..." >&2
    "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --upgrade pip >&2
    "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -e "$ROOT$target" >&2
    echo "$want" > "$stamp"
  fi
}
