#ifndef CSHA256_H
#define CSHA256_H

#include <stddef.h>
#include <stdint.h>

/// SHA-256's 64 round constants.
extern const uint32_t csha256_round_constants[64];

/// 1 when this processor has the SHA extensions (and the SSE levels the rounds use), else 0.
int csha256_hardware_available(void);

/// Runs SHA-256's compression over `blocks` whole 64-byte blocks at `data`, updating the
/// eight state words `state` (a..h). Only when `csha256_hardware_available()` says so.
void csha256_compress_blocks(uint32_t state[8], const uint8_t *data, size_t blocks);

#endif
