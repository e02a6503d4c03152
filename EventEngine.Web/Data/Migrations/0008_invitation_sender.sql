-- Invitations come from the hosts (issue 17): guest emails show the hosts' names as the sender and send replies to a
-- host. The event holds both; each message keeps the values it was composed with, so a retry says the same.

ALTER TABLE events ADD COLUMN host_names varchar(200);
ALTER TABLE events ADD COLUMN reply_to varchar(254);
ALTER TABLE outbox_messages ADD COLUMN sender_name varchar(200);
ALTER TABLE outbox_messages ADD COLUMN reply_to varchar(254);
