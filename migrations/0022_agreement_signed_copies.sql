-- The signed document of an approval may be uploaded after the signature was recorded
-- (the national convention was signed on paper): a history event records it.
ALTER TABLE agreement_events DROP CONSTRAINT agreement_events_type_check;
ALTER TABLE agreement_events ADD CONSTRAINT agreement_events_type_check CHECK (type IN ('created', 'version_proposed',
  'approved', 'withdrawal_notified', 'formal_notice_sent', 'formal_notice_remedied', 'termination_requested',
  'automatic_termination', 'dispute_opened', 'dispute_advanced', 'meeting_recorded', 'roadmap_event',
  'signed_copy_attached'));
