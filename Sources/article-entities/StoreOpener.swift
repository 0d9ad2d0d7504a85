import ArticleAPI
import ArticleStore
import Foundation
import PostgresClient
import PostgresStore

/// Opens the store the `database` setting names, for `serve`, `import` and `reextract`
/// alike: a path is a SQLite file, a `postgresql://` URL a PostgreSQL server shared with
/// any other node. Messages show the setting with its password as `***`.
enum StoreOpener {
    enum Purpose {
        /// `serve` and `import`: a missing SQLite file (and its folder) is created.
        case create
        /// `reextract`: the SQLite file must exist already.
        case existing
    }

    /// `connections`: the threads that use the store at once (PostgreSQL's pool size).
    static func open(_ config: ServiceConfiguration, purpose: Purpose, connections: Int) throws -> any ArticleStorage {
        switch try config.databaseLocation() {
        case .sqlite(let path):
            let folder = (path as NSString).deletingLastPathComponent
            switch purpose {
            case .create where !folder.isEmpty:
                do { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) } catch {
                    throw UsageError("cannot create the database folder \(folder) (\((error as NSError).localizedDescription)): "
                                     + "give --database (or ARTICLE_ENTITIES_DATABASE) a path in a writable folder")
                }
            case .existing where !FileManager.default.fileExists(atPath: path):
                throw UsageError("no database at \(path)")
            default: break
            }
            return try SQLiteArticleStore(path: path, entityRenderer: EntityJSON.renderer)
        case .postgres(let setting):
            let shown = DatabaseLocation.redacted(setting)
            let url: PostgresURL
            do { url = try PostgresURL(setting) } catch {
                throw UsageError("database \(shown) is not a PostgreSQL URL this service can use: \(error)")
            }
            // A server that does not answer fails here (exit 1), its message naming the URL without the password.
            return try PostgresArticleStore(url: url, connections: connections, entityRenderer: EntityJSON.renderer)
        }
    }
}
