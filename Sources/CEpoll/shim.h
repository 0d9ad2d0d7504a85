// epoll and eventfd, which the Swift Glibc module does not export: the HTTP server's
// event loops wait on them directly.
#include <sys/epoll.h>
#include <sys/eventfd.h>
