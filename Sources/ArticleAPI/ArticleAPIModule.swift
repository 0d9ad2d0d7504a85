import HTTPServer
import ArticleStore
import EntityExtraction
public enum ArticleAPIModule {}
