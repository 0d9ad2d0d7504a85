print("article-entities")
