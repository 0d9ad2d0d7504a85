// glibc's malloc.h (malloc_trim), which the Swift Glibc module does not export.
#include <malloc.h>
