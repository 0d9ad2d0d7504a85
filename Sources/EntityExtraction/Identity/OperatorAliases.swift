import Foundation

/// An operator's alias file (`Config/aliases.json`) could not be used: the message says
/// where and why, for the start-up error.
public struct AliasFileError: Error, CustomStringConvertible, Sendable {
    public let description: String
    init(_ message: String) { description = message }
}

extension NameAliases {
    /// The bundled table with an operator's aliases over it. The file is a JSON object:
    ///
    ///     {"aliases": {"Beeb": "BBC",
    ///                  "Kremlin": {"means": "Russian government", "type": "organisation"},
    ///                  "Holland": null}}
    ///
    /// A string value is the name the alias stands for; an object also sets the entity type
    /// its mentions take; `null` removes a bundled alias. Keys starting with `_` are comments.
    public func applying(operatorFile data: Data, path: String) throws -> NameAliases {
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw AliasFileError("alias file \(path) is not a JSON object such as {\"aliases\": {\"Beeb\": \"BBC\"}}")
        }
        for key in object.keys where !key.hasPrefix("_") && key != "aliases" {
            throw AliasFileError("unknown key \"\(key)\" in alias file \(path); it holds \"aliases\" (and \"_comment\")")
        }
        guard let entries = object["aliases"] as? [String: Any] else {
            throw AliasFileError("alias file \(path) has no \"aliases\" object of name → name")
        }
        var result = self
        for (alias, value) in entries.sorted(by: { $0.key < $1.key }) where !alias.hasPrefix("_") {
            let at = "alias \"\(alias)\" in \(path)"
            guard !EntityKeys.words(alias).isEmpty else { throw AliasFileError("\(at): the alias has no letters or digits") }
            if value is NSNull {
                result.remove(alias)
                continue
            }
            let name: String
            var type: EntityType?
            if let s = value as? String {
                name = s
            } else if let o = value as? [String: Any] {
                for k in o.keys where k != "means" && k != "type" {
                    throw AliasFileError("\(at): unknown field \"\(k)\" (an alias object has \"means\" and optionally \"type\")")
                }
                guard let s = o["means"] as? String else { throw AliasFileError("\(at): \"means\" must be the name it stands for, a string") }
                name = s
                if let t = o["type"] {
                    guard let raw = t as? String, let parsed = EntityType(rawValue: raw), [.person, .organisation, .place].contains(parsed) else {
                        throw AliasFileError("\(at): \"type\" must be \"person\", \"organisation\" or \"place\"")
                    }
                    type = parsed
                }
            } else {
                throw AliasFileError("\(at): the value must be a name (a string), {\"means\", \"type\"?} or null")
            }
            guard result.set(alias, means: name, type: type) else {
                throw AliasFileError("\(at): \"\(name)\" has no letters or digits to key it by")
            }
        }
        var hash: UInt32 = 0x811c9dc5
        for byte in data {
            hash ^= UInt32(byte)
            hash = hash &* 0x01000193
        }
        let hex = String(hash, radix: 16)
        result.operatorFingerprint = String(repeating: "0", count: 8 - hex.count) + hex
        if let looping = result.resolveChains() {
            throw AliasFileError("alias \"\(looping)\" in \(path) leads back to itself through other aliases")
        }
        return result
    }
}
