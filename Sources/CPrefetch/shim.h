// A software prefetch hint (the compiler's builtin), which Swift has no spelling for.
static inline void ae_prefetch(const void *address) { __builtin_prefetch(address, 0, 3); }
