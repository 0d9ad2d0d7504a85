/// The HTTP/1.1 server: sockets, parsing, limits. Knows nothing about articles.
public enum HTTPServerModule {}
