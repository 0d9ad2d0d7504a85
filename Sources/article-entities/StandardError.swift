import Glibc

/// Messages for the user on standard error, written with write(2): `FileHandle.write`
/// traps when standard error is a closed pipe, and an error message must never crash.
/// (Serve's log lines go through `LogWriter` instead, off the request path.)
enum StandardError {
    static func write(_ text: String) {
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { Glibc.write(STDERR_FILENO, $0.baseAddress! + offset, $0.count - offset) }
            if written > 0 {
                offset += written
            } else if !(written < 0 && errno == EINTR) {
                return  // closed or failing: there is no one to tell
            }
        }
    }
}
