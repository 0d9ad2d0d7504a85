import Foundation

/// The rows of a tab-separated resource shipped in the bundle, without its `#` comments.
enum BundledTable {
    static func rows(_ name: String) -> [[String]] {
        guard let url = Bundle.module.url(forResource: name, withExtension: "tsv", subdirectory: "Resources")
                ?? Bundle.module.url(forResource: name, withExtension: "tsv"),
              let text = try? String(contentsOf: url, encoding: .utf8) else {
            preconditionFailure("Resources/\(name).tsv is missing from the EntityExtraction bundle")
        }
        return text.split(separator: "\n").compactMap { line in
            line.hasPrefix("#") || line.isEmpty ? nil : line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        }
    }
}
