-- Documents attached to a joint project (issue 5): stored in the database, 5 MB at most,
-- only document and image types whose content matches the declared type (checked in
-- src/modules/projects/domain/documents.ts before the insert; size enforced here too).
-- Forward-only. Depends on 0041.
CREATE TABLE project_documents (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  project_id uuid NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  file_name text NOT NULL CHECK (length(file_name) BETWEEN 1 AND 200),
  content_type text NOT NULL,
  size_bytes integer NOT NULL CHECK (size_bytes > 0 AND size_bytes <= 5242880),
  sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  content bytea NOT NULL,
  uploaded_by uuid REFERENCES users (id) ON DELETE SET NULL,
  uploaded_by_name text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT project_documents_size_matches CHECK (octet_length(content) = size_bytes)
);
CREATE INDEX project_documents_project_idx ON project_documents (project_id, created_at DESC);
