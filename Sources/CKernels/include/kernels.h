// Element-wise numerical kernels that the Swift compiler does not vectorise well
// (the optimiser update dominated a training step when written in Swift).
// Each kernel is compiled for AVX-512, AVX2 and baseline x86-64 and picked at load
// time (target_clones), so one binary runs everywhere at full speed.
#ifndef FRONTIER_KERNELS_H
#define FRONTIER_KERNELS_H
#include <stddef.h>

/// One Adam step over n parameters:
/// m = b1 m + (1 - b1) g;  v = b2 v + (1 - b2) g^2;  p -= step m / (sqrt(v) + eps).
void frontier_adam(float *restrict p, const float *restrict g, float *restrict m, float *restrict v,
                   size_t n, float beta1, float beta2, float step, float eps);

/// x = max(x, 0) in place.
void frontier_relu(float *restrict x, size_t n);

/// g = 0 where y <= 0, in place (the ReLU derivative through its output y).
void frontier_relu_backward(const float *restrict y, float *restrict g, size_t n);

/// out[j] = sum over rows r of x[r * cols + j]: column sums of a row-major matrix (bias gradients).
void frontier_column_sums(const float *restrict x, size_t rows, size_t cols, float *restrict out);

#endif
