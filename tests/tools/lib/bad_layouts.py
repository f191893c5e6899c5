"""Writes voxel files with broken layouts into the current folder, for the
tool tests: each breaks one rule of docs/formats.md."""
import h5py
import numpy as np


def base(name):
    f = h5py.File(name, "w")
    f.attrs["format"] = "ssbvox"
    f.attrs["format_version"] = np.int32(1)
    return f


with base("int32.h5") as f:  # /phase of the wrong type
    f.create_dataset("phase", data=np.zeros((2, 2, 2), np.int32)).attrs["voxel_size_m"] = 1e-7
with base("badphase.h5") as f:  # a phase code that does not exist
    f.create_dataset("phase", data=np.full((2, 2, 2), 7, np.uint8)).attrs["voxel_size_m"] = 1e-7
with base("nosize.h5") as f:  # no voxel size
    f.create_dataset("phase", data=np.zeros((2, 2, 2), np.uint8))
with base("noattr.h5") as f:  # the same, for the schema
    f.create_dataset("phase", data=np.zeros((2, 2, 2), np.uint8))
with base("extra.h5") as f:  # an object format 1 does not have
    f.create_dataset("phase", data=np.zeros((2, 2, 2), np.uint8)).attrs["voxel_size_m"] = 1e-7
    f.create_dataset("extra", data=np.zeros(3))
with base("badstep.h5") as f:  # a provenance step without its number
    f.create_dataset("phase", data=np.zeros((2, 2, 2), np.uint8)).attrs["voxel_size_m"] = 1e-7
    f.create_group("provenance").create_group("first").attrs["tool"] = "x"
with h5py.File("other.h5", "w") as f:  # another program's HDF5 file
    f.create_dataset("volume", data=np.zeros((2, 2, 2), np.uint8))
with open("grey.mha", "wb") as f:  # grey values 0 and 9, no phase map
    f.write(b"ObjectType = Image\nNDims = 3\nDimSize = 2 2 2\nElementSpacing = 1 1 1\n"
            b"ElementType = MET_UCHAR\nElementDataFile = LOCAL\n" + bytes([0, 9, 9, 9, 0, 0, 0, 0]))
