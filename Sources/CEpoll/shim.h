// epoll and eventfd, which the Swift Glibc module does not export: the HTTP server's
// event loops wait on them directly. And the process's CPU affinity, which the server
// sizes its event loops by (sched_getaffinity is a GNU extension the Glibc module hides).
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/syscall.h>
#include <unistd.h>

// The cores this process may run on (taskset, a container's cpuset); 0 when unknown.
static inline int cepoll_usable_cores(void) {
    unsigned long mask[16];  // room for 1024 cores
    long bytes = syscall(SYS_sched_getaffinity, 0, sizeof mask, mask);
    if (bytes <= 0) return 0;
    int count = 0;
    for (long i = 0; i < bytes / (long)sizeof mask[0]; i++) count += __builtin_popcountl(mask[i]);
    return count;
}
