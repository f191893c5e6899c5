#!/usr/bin/env bash
# The code matches docs/architecture.md: every include between the parts of
# lib/ and tools/ is an allowed arrow of its table, every part is in the
# table, third-party headers stay in their .cpp files, and the tools that do
# not solve with PETSc do not link it.
source "$(dirname "$0")/lib/common.sh"

"$PY" - "$SSB_SOURCE_DIR" <<'PYEOF' && pass "includes between parts follow docs/architecture.md's table" || fail "include arrows"
import pathlib, re, sys
root = pathlib.Path(sys.argv[1])
doc = (root / "docs/architecture.md").read_text()
table = doc.split("<!-- architecture:includes -->")[1].split("<!-- /architecture:includes -->")[0]
allowed = {}
for line in table.splitlines():
    cells = [c.strip() for c in line.strip().strip("|").split("|")]
    if len(cells) != 2 or cells[0] in ("part", "---") or set(cells[0]) <= {"-"}:
        continue
    allowed[cells[0]] = set(cells[1].split())
parts = {p.name: p for p in (root / "lib").iterdir() if p.is_dir()}
parts.update({"tools/" + p.name: p for p in (root / "tools").iterdir() if p.is_dir()})
bad = []
for name, folder in sorted(parts.items()):
    if name not in allowed:
        bad.append(f"{name} is not in the table")
        continue
    own = name.split("/")[-1] if not name.startswith("tools/") else None
    for f in sorted(folder.glob("*.[ch]pp")):
        for m in re.finditer(r'#include "([a-z]+)/', f.read_text()):
            target = m.group(1)
            if target != own and target not in allowed[name]:
                bad.append(f"{f.relative_to(root)} includes {target}/ (allowed: {sorted(allowed[name])})")
for name in allowed:
    if name not in parts:
        bad.append(f"the table names {name}, which does not exist")
print("\n".join(bad))
sys.exit(1 if bad else 0)
PYEOF

"$PY" - "$SSB_SOURCE_DIR" <<'PYEOF' && pass "PETSc and MPI headers only in lib/parallel sources; HDF5, OpenVDB, ITK, libtiff only in lib/io sources" || fail "third-party headers"
import pathlib, re, sys
root = pathlib.Path(sys.argv[1])
rules = [(r'#include <(petsc|mpi)', lambda p: p.parts[-2] == "parallel" and (p.suffix == ".cpp" or p.name == "Petsc.hpp")),
         (r'#include <(hdf5|H5|openvdb|itk|tiffio)', lambda p: p.parts[-2] == "io" and p.suffix == ".cpp")]
bad = []
for f in list((root / "lib").rglob("*.[ch]pp")) + list((root / "tools").rglob("*.cpp")):
    text = f.read_text()
    for pattern, ok in rules:
        if re.search(pattern, text) and not ok(f.relative_to(root)):
            bad.append(f"{f.relative_to(root)}: {re.search(pattern, text).group(0)}")
# parallel/Petsc.hpp is for parallel's sources only.
for f in (root / "lib").rglob("*.[ch]pp"):
    if '#include "parallel/Petsc.hpp"' in f.read_text() and f.parent.name != "parallel":
        bad.append(f"{f.relative_to(root)} includes parallel/Petsc.hpp")
print("\n".join(bad))
sys.exit(1 if bad else 0)
PYEOF

# (ldd's output is read whole: grep -q would close the pipe early.)
for tool in voxconvert genstruct sinter segment geomstats; do
  libs=$(ldd "$SSB_BIN/$tool")
  if grep -E -o 'lib(petsc|mpi)[^ ]*' <<< "$libs" > linked.txt; then
    fail "$tool links PETSc or MPI: $(head -2 linked.txt | tr '\n' ' ')"
  else
    pass "$tool links neither PETSc nor MPI"
  fi
done
libs=$(ldd "$SSB_BIN/effcond")
grep -q libpetsc <<< "$libs" && pass "effcond links PETSc (it solves with it)" || fail "effcond without PETSc"
finish
