import CSQLite
/// SQLite storage of articles, entities, mentions and figures.
public enum ArticleStoreModule {}
