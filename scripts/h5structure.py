#!/usr/bin/env python3
"""Dumps the structure of an HDF5 file (groups, datasets with dtype and shape,
attributes with dtype and value) as JSON, the document that
schemas/voxelfile.schema.json describes.

    h5structure.py FILE.h5 [--validate schemas/voxelfile.schema.json]
"""
import argparse
import json
import sys

import h5py
import numpy as np


def dtype_name(dt):
    if h5py.check_string_dtype(dt) is not None or dt.kind in "SUO":
        return "string"
    return np.dtype(dt).name


def attr_entry(value):
    arr = np.asarray(value)
    if isinstance(value, (bytes, str)) or arr.dtype.kind in "SUO":
        v = value.decode() if isinstance(value, bytes) else str(value)
        return {"dtype": "string", "value": v}
    if arr.shape != ():
        return {"dtype": arr.dtype.name, "shape": list(arr.shape)}
    return {"dtype": arr.dtype.name, "value": arr.item()}


def attrs_of(obj):
    return {k: attr_entry(obj.attrs[k]) for k in obj.attrs}


def describe(obj):
    if isinstance(obj, h5py.Dataset):
        return {"kind": "dataset", "dtype": dtype_name(obj.dtype), "shape": list(obj.shape),
                "attrs": attrs_of(obj)}
    return {"kind": "group", "attrs": attrs_of(obj),
            "members": {k: describe(obj[k]) for k in obj}}


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("file")
    p.add_argument("--validate", metavar="SCHEMA", help="validate against a JSON Schema; exit 1 if invalid")
    a = p.parse_args()
    with h5py.File(a.file, "r") as f:
        doc = describe(f)
    if a.validate:
        import jsonschema
        with open(a.validate) as s:
            schema = json.load(s)
        errors = sorted(jsonschema.Draft202012Validator(schema).iter_errors(doc), key=str)
        for e in errors:
            print(f"{a.file}: {'/'.join(str(x) for x in e.absolute_path)}: {e.message}", file=sys.stderr)
        sys.exit(1 if errors else 0)
    json.dump(doc, sys.stdout, indent=1)
    print()


if __name__ == "__main__":
    main()
