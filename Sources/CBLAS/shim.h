// OpenBLAS's CBLAS interface (matrix products) and LAPACKE (small dense solves).
// Debian: libopenblas-dev, liblapacke-dev; found through pkg-config `openblas`.
#include <cblas.h>
#include <lapacke.h>
