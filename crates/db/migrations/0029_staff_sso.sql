-- Staff single sign-on (OpenID Connect: Entra ID, Ansattporten).
--
-- A staff member's identity at a provider: its issuer and the stable
-- subject it names them by (`sub`, or Entra's `oid`). Linked at the first
-- sign-in by the configured rule (the e-mail or the user name), and from
-- then on found by it.
CREATE TABLE staff_identities (
    issuer      TEXT NOT NULL,
    subject     TEXT NOT NULL,
    tenant_id   TEXT NOT NULL,
    staff_id    TEXT NOT NULL,
    linked_at   BIGINT NOT NULL,
    PRIMARY KEY (issuer, subject),
    FOREIGN KEY (tenant_id, staff_id) REFERENCES staff (tenant_id, id)
);
CREATE INDEX staff_identities_by_staff ON staff_identities (tenant_id, staff_id);

-- The administrator's mapping from the provider's groups to roles and
-- units: members of `group_id` get `role`, in `unit_id` when it is not ''.
-- A sign-in whose groups match no line keeps the roles set by hand.
CREATE TABLE staff_group_roles (
    tenant_id   TEXT NOT NULL,
    group_id    TEXT NOT NULL,
    role        TEXT NOT NULL,
    unit_id     TEXT NOT NULL,
    created_at  BIGINT NOT NULL,
    PRIMARY KEY (tenant_id, group_id, role, unit_id)
);
