import Glibc

/// Thin helpers over the POSIX socket calls the server needs.
enum Socket {
    enum AcceptResult {
        case accepted(fd: Int32, remote: String)
        case wouldBlock
        case failed(errno: Int32)
    }

    /// A non-blocking listening socket bound to host:port; returns the bound port.
    static func listen(host: String, port: Int, backlog: Int32) throws -> (fd: Int32, port: Int) {
        guard (0...65_535).contains(port) else {
            throw HTTPServerError.invalidConfiguration("port \(port) is out of range")
        }
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_flags = AI_PASSIVE
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, String(port), &hints, &list)
        guard status == 0, let first = list else {
            throw HTTPServerError.bindFailed(host: host, port: port, reason: String(cString: gai_strerror(status)))
        }
        defer { freeaddrinfo(list) }

        var lastError = "no usable address"
        var candidate: UnsafeMutablePointer<addrinfo>? = first
        while let info = candidate {
            candidate = info.pointee.ai_next
            let fd = socket(info.pointee.ai_family, info.pointee.ai_socktype | Int32(SOCK_CLOEXEC.rawValue), info.pointee.ai_protocol)
            guard fd >= 0 else { lastError = errorText(errno); continue }
            var one: Int32 = 1
            setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
            guard bind(fd, info.pointee.ai_addr, info.pointee.ai_addrlen) == 0,
                  Glibc.listen(fd, backlog) == 0,
                  setNonBlocking(fd)
            else {
                lastError = errorText(errno)
                close(fd)
                continue
            }
            return (fd, boundPort(fd) ?? port)
        }
        throw HTTPServerError.bindFailed(host: host, port: port, reason: lastError)
    }

    static func accept(_ listener: Int32) -> AcceptResult {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let fd = withUnsafeMutablePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.accept(listener, $0, &length)
            }
        }
        if fd >= 0 {
            // accept4 is hidden behind _GNU_SOURCE in the Glibc module, so set the flags here.
            setNonBlocking(fd)
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
            return .accepted(fd: fd, remote: describe(&storage))
        }
        let code = errno
        return code == EAGAIN || code == EWOULDBLOCK ? .wouldBlock : .failed(errno: code)
    }

    /// Responses go out in one write, so Nagle would only add the 40 ms delayed-ACK stall.
    static func setNoDelay(_ fd: Int32) {
        var one: Int32 = 1
        setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
    }

    @discardableResult
    static func setNonBlocking(_ fd: Int32) -> Bool {
        let flags = fcntl(fd, F_GETFL)
        return flags >= 0 && fcntl(fd, F_SETFL, flags | O_NONBLOCK) == 0
    }

    static func boundPort(_ fd: Int32) -> Int? {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let ok = withUnsafeMutablePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) == 0 }
        }
        guard ok else { return nil }
        return address(&storage)?.port
    }

    /// "ip:port", or "[ip]:port" for IPv6.
    static func describe(_ storage: inout sockaddr_storage) -> String {
        guard let (ip, port, isV6) = address(&storage) else { return "unknown" }
        return isV6 ? "[\(ip)]:\(port)" : "\(ip):\(port)"
    }

    private static func address(_ storage: inout sockaddr_storage) -> (ip: String, port: Int, isV6: Bool)? {
        var text = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN) + 1)
        switch Int32(storage.ss_family) {
        case AF_INET:
            return withUnsafePointer(to: &storage) {
                $0.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { pointer -> (String, Int, Bool) in
                    var address = pointer.pointee.sin_addr
                    inet_ntop(AF_INET, &address, &text, socklen_t(text.count))
                    return (cText(text), Int(UInt16(bigEndian: pointer.pointee.sin_port)), false)
                }
            }
        case AF_INET6:
            return withUnsafePointer(to: &storage) {
                $0.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { pointer -> (String, Int, Bool) in
                    var address = pointer.pointee.sin6_addr
                    inet_ntop(AF_INET6, &address, &text, socklen_t(text.count))
                    return (cText(text), Int(UInt16(bigEndian: pointer.pointee.sin6_port)), true)
                }
            }
        default:
            return nil
        }
    }

    private static func cText(_ chars: [CChar]) -> String {
        String(decoding: chars.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    static func errorText(_ code: Int32) -> String {
        String(cString: strerror(code))
    }
}

/// Why the server could not start.
public enum HTTPServerError: Error, CustomStringConvertible, Sendable {
    case bindFailed(host: String, port: Int, reason: String)
    case invalidConfiguration(String)
    case alreadyStarted

    public var description: String {
        switch self {
        case .bindFailed(let host, let port, let reason): return "cannot listen on \(host):\(port): \(reason)"
        case .invalidConfiguration(let reason): return "invalid HTTP server configuration: \(reason)"
        case .alreadyStarted: return "the HTTP server was already started"
        }
    }
}
