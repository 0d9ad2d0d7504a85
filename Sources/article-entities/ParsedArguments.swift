/// A command line misused: the message says how.
struct UsageError: Error {
    let message: String
    init(_ message: String) { self.message = message }
}

/// Options (`--name value`, `--name=value`, flags) and positional arguments of one
/// subcommand, checked against what the subcommand accepts.
struct ParsedArguments {
    private(set) var options: [String: String] = [:]
    private(set) var flags: Set<String> = []
    private(set) var positionals: [String] = []

    /// - Parameters:
    ///   - valued: options that take a value.
    ///   - flags: options that take none.
    init(_ arguments: [String], valued: Set<String>, flags allowedFlags: Set<String> = []) throws {
        var i = 0
        while i < arguments.count {
            let arg = arguments[i]
            i += 1
            if arg == "-" || !arg.hasPrefix("-") {
                positionals.append(arg)
                continue
            }
            if arg == "--" {
                positionals.append(contentsOf: arguments[i...])
                break
            }
            var name = arg
            var inline: String?
            if let eq = arg.firstIndex(of: "=") {
                name = String(arg[..<eq])
                inline = String(arg[arg.index(after: eq)...])
            }
            if allowedFlags.contains(name) {
                guard inline == nil else { throw UsageError("\(name) takes no value") }
                flags.insert(name)
            } else if valued.contains(name) {
                if let inline {
                    options[name] = inline
                } else {
                    guard i < arguments.count else { throw UsageError("\(name) needs a value") }
                    options[name] = arguments[i]
                    i += 1
                }
            } else {
                throw UsageError("unknown option \(name)")
            }
        }
    }

    func value(_ name: String) -> String? { options[name] }
    func has(_ flag: String) -> Bool { flags.contains(flag) }

    func int(_ name: String, range: ClosedRange<Int>) throws -> Int? {
        guard let raw = options[name] else { return nil }
        guard let n = Int(raw), range.contains(n) else {
            throw UsageError("\(name) must be a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return n
    }
}
