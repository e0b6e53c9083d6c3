import type { MigrationInterface, QueryRunner } from 'typeorm';

/** SMS pain diary: scheduled prompts (with link token hashes and delivery state) and the dev console outbox. */
export class SmsDiary1764110000000 implements MigrationInterface {
  name = 'SmsDiary1764110000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TYPE sms_prompt_status AS ENUM ('pending', 'queued', 'sending', 'sent', 'failed', 'unknown', 'skipped', 'cancelled')`);
    await q.query(`CREATE TABLE sms_prompt (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      patient_id uuid NOT NULL REFERENCES patient (id) ON DELETE CASCADE,
      intervention_id uuid REFERENCES intervention (id) ON DELETE SET NULL,
      kind text NOT NULL CHECK (kind IN ('baseline', 'follow_up', 'reminder')),
      reminder_of uuid REFERENCES sms_prompt (id) ON DELETE CASCADE,
      offset_minutes integer,
      due_at timestamptz NOT NULL,
      time_critical boolean NOT NULL DEFAULT false,
      status sms_prompt_status NOT NULL DEFAULT 'pending',
      status_reason text,
      attempts smallint NOT NULL DEFAULT 0,
      token_hash bytea UNIQUE CHECK (token_hash IS NULL OR length(token_hash) = 32),
      expires_at timestamptz,
      queued_at timestamptz,
      sending_at timestamptz,
      sent_at timestamptz,
      provider text,
      provider_message_id text UNIQUE,
      delivery_status text,
      delivery_rank smallint NOT NULL DEFAULT 0,
      answered_at timestamptz,
      pain_score_id uuid REFERENCES pain_score (id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT sms_prompt_reminder_has_parent CHECK ((kind = 'reminder') = (reminder_of IS NOT NULL)))`);
    await q.query(`CREATE INDEX sms_prompt_due_idx ON sms_prompt (due_at) WHERE status IN ('pending', 'queued', 'sending')`);
    await q.query(`CREATE INDEX sms_prompt_patient_idx ON sms_prompt (patient_id, due_at)`);
    await q.query(`CREATE INDEX sms_prompt_intervention_idx ON sms_prompt (intervention_id) WHERE intervention_id IS NOT NULL`);
    // One prompt per protocol slot of an intervention while it is live; cancelled ones may repeat.
    await q.query(`CREATE UNIQUE INDEX sms_prompt_slot_key ON sms_prompt (intervention_id, kind, offset_minutes) WHERE status <> 'cancelled' AND kind <> 'reminder'`);
    await q.query(`CREATE UNIQUE INDEX sms_prompt_one_reminder_key ON sms_prompt (reminder_of) WHERE reminder_of IS NOT NULL`);
    await q.query(`CREATE INDEX patient_phone_idx ON patient (phone) WHERE phone IS NOT NULL`);

    await q.query(`CREATE TABLE sms_console_message (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      to_phone text NOT NULL,
      body text NOT NULL,
      provider_message_id text NOT NULL UNIQUE,
      created_at timestamptz NOT NULL DEFAULT now())`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE sms_console_message`);
    await q.query(`DROP INDEX patient_phone_idx`);
    await q.query(`DROP TABLE sms_prompt`);
    await q.query(`DROP TYPE sms_prompt_status`);
  }
}
