# The privacy officer: restriction of processing (GDPR art. 18).
nav-privacy = Begrensning
privacy-title = Begrensning av behandling
privacy-intro = Når en person ber om det (for eksempel mens riktigheten av opplysninger er bestridt), kan behandlingen av opplysningene begrenses. Opplysningene lagres, men ingen bruker eller deler dem før begrensningen oppheves.
privacy-find = Finn
privacy-status = Status
privacy-restricted = Behandlingen er begrenset
privacy-not-restricted = Ikke begrenset
privacy-since = Begrenset siden
privacy-reason = Begrunnelse
privacy-restrict-intro = Ansatte vil ikke lenger se personen eller saken i det daglige arbeidet.
privacy-restrict = Begrens behandlingen
privacy-lift-intro = Når begrensningen oppheves, kan opplysningene brukes som før.
privacy-lift = Opphev begrensningen
privacy-done-restricted = Behandlingen er begrenset.
privacy-done-lifted = Begrensningen er opphevet.
privacy-see-log = Se hvem som har sett opplysningene
