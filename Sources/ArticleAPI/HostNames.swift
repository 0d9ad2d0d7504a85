/// Reading `Host` header values and listen addresses: which are loopback, and the name
/// without its port.
enum HostNames {
    /// `localhost`, any 127.x.x.x, `::1` or `[::1]` (with or without a port).
    static func isLoopback(_ host: String) -> Bool {
        var name = hostPart(host)
        if name.hasPrefix("["), name.hasSuffix("]") { name = String(name.dropFirst().dropLast()) }
        if name == "localhost" || name == "::1" { return true }
        let octets = name.split(separator: ".", omittingEmptySubsequences: false)
        return octets.count == 4 && octets[0] == "127"
            && octets.allSatisfy { $0.count <= 3 && !$0.isEmpty && $0.allSatisfy(\.isASCII) && UInt8($0) != nil }
    }

    /// `localhost` or `127.0.0.1`, exactly, with or without `:port`: what local clients
    /// send, told from the bytes before the general (and far slower) reading.
    static func isPlainLoopback(_ host: String) -> Bool {
        var bytes = host.utf8[...]
        if let colon = bytes.lastIndex(of: UInt8(ascii: ":")) {
            let port = bytes[bytes.index(after: colon)...]
            guard !port.isEmpty, port.count <= 5, port.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return false }
            bytes = bytes[..<colon]
        }
        return bytes.elementsEqual("localhost".utf8) || bytes.elementsEqual("127.0.0.1".utf8)
    }

    /// The host of a `Host` value in lower case, without a port or a trailing dot:
    /// `Example.org.:8080` → `example.org`, `[::1]:80` → `[::1]`. A bare IPv6 address
    /// (a listen address such as `::1`) is kept whole.
    static func hostPart(_ value: String) -> String {
        var v = value.lowercased()
        if v.hasPrefix("[") {
            if let close = v.firstIndex(of: "]") { v = String(v[...close]) }
            return v
        }
        if v.filter({ $0 == ":" }).count == 1, let colon = v.lastIndex(of: ":") { v = String(v[..<colon]) }
        if v.hasSuffix("."), v.count > 1 { v.removeLast() }
        return v
    }

    /// The address of a peer `ip:port` or `[ip6]:port` without its port: what requests are
    /// counted by for rate limiting.
    static func clientAddress(_ remote: String) -> String {
        guard let colon = remote.lastIndex(of: ":"), remote.hasPrefix("[") || remote.filter({ $0 == ":" }).count == 1 else {
            return remote
        }
        return String(remote[..<colon])
    }
}
