# Shared by the study scripts (discharge-baseline.sh, grain-sizes-table-s2.sh):
# the built tools ($bin), a Python with h5py and numpy ($py), and the
# output folder ($out, made and entered).
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
bin=$here/build/release/bin
py=/usr/bin/python3
[ -x "$here/.venv/bin/python" ] && py=$here/.venv/bin/python
mkdir -p "$out"
cd "$out"
