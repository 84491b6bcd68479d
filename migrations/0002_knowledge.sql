-- A document whose embedding could not be computed (provider down) is still stored, with its
-- fresh text and a NULL embedding: lexical search answers from it at once, and the next
-- indexing run (any data change, or POST /api/embeddings/generate) embeds it.
ALTER TABLE document_embeddings ALTER COLUMN embedding DROP NOT NULL;
ALTER TABLE document_embeddings ALTER COLUMN embedding_model DROP NOT NULL;
