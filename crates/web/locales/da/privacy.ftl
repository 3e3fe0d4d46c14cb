# The privacy officer: restriction of processing (GDPR art. 18).
nav-privacy = Begrænsning
privacy-title = Begrænsning af behandling
privacy-intro = Når en person beder om det (for eksempel mens det er uenighed om, hvorvidt oplysningerne er rigtige), kan behandlingen af oplysningerne begrænses. Oplysningerne gemmes, men ingen bruger eller deler dem, før begrænsningen ophæves.
privacy-find = Find
privacy-status = Status
privacy-restricted = Behandlingen er begrænset
privacy-not-restricted = Ikke begrænset
privacy-since = Begrænset siden
privacy-reason = Begrundelse
privacy-restrict-intro = Medarbejdere vil ikke længere se personen eller sagen i det daglige arbejde.
privacy-restrict = Begræns behandlingen
privacy-lift-intro = Når begrænsningen ophæves, kan oplysningerne bruges som før.
privacy-lift = Ophæv begrænsningen
privacy-done-restricted = Behandlingen er begrænset.
privacy-done-lifted = Begrænsningen er ophævet.
privacy-see-log = Se, hvem der har set oplysningerne
