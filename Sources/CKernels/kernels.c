#include "kernels.h"
#include <math.h>

#if defined(__x86_64__) && defined(__linux__)
#define FRONTIER_CLONES __attribute__((target_clones("avx512f", "avx2", "default")))
#else
#define FRONTIER_CLONES
#endif

FRONTIER_CLONES
void frontier_adam(float *restrict p, const float *restrict g, float *restrict m, float *restrict v,
                   size_t n, float beta1, float beta2, float step, float eps) {
    const float c1 = 1.0f - beta1, c2 = 1.0f - beta2;
    for (size_t i = 0; i < n; i++) {
        const float gi = g[i];
        const float mi = beta1 * m[i] + c1 * gi;
        const float vi = beta2 * v[i] + c2 * (gi * gi);
        m[i] = mi;
        v[i] = vi;
        p[i] -= step * mi / (__builtin_sqrtf(vi) + eps);
    }
}

FRONTIER_CLONES
void frontier_relu(float *restrict x, size_t n) {
    for (size_t i = 0; i < n; i++) x[i] = x[i] < 0.0f ? 0.0f : x[i];
}

FRONTIER_CLONES
void frontier_relu_backward(const float *restrict y, float *restrict g, size_t n) {
    for (size_t i = 0; i < n; i++) g[i] = y[i] <= 0.0f ? 0.0f : g[i];
}

FRONTIER_CLONES
void frontier_column_sums(const float *restrict x, size_t rows, size_t cols, float *restrict out) {
    for (size_t j = 0; j < cols; j++) out[j] = 0.0f;
    for (size_t r = 0; r < rows; r++) {
        const float *row = x + r * cols;
        for (size_t j = 0; j < cols; j++) out[j] += row[j];
    }
}
