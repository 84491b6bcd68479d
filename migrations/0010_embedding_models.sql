-- Vectors of any dimension: every vector records its model (embedding_model), vectors of two
-- models are never compared, and search is exact per restaurant, so no fixed-dimension ANN index
-- is needed (add one per model, as a partial index on embedding_model, if one is ever wanted).
ALTER TABLE document_embeddings ALTER COLUMN embedding TYPE vector;
ALTER TABLE unanswered_questions ALTER COLUMN embedding TYPE vector;

-- Blue-green model switch: the next model's vectors are built beside the vectors searches use
-- now, each for the content it embedded (next_content_hash), and swapped in per restaurant once
-- every document of that restaurant has one; a restart resumes from what is stored here.
ALTER TABLE document_embeddings ADD COLUMN next_embedding vector;
ALTER TABLE document_embeddings ADD COLUMN next_embedding_model text;
ALTER TABLE document_embeddings ADD COLUMN next_content_hash text;
