-- Issue 9 §4: a joint project links to its local agreement (convention art. 2: joint
-- projects; the local convention is the agreement an ML and its partners sign for it).
-- Forward-only. Depends on 0020 (agreements) and 0041 (projects).
CREATE TABLE agreement_projects (
  -- A project has at most one agreement (its local convention): the project is the key.
  project_id uuid PRIMARY KEY REFERENCES projects (id) ON DELETE CASCADE,
  -- An agreement may cover several projects of the same partners.
  agreement_id uuid NOT NULL REFERENCES agreements (id) ON DELETE CASCADE,
  linked_by uuid REFERENCES users (id) ON DELETE SET NULL,
  linked_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX agreement_projects_agreement_idx ON agreement_projects (agreement_id);
