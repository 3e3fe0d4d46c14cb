# A second factor for local staff accounts: codes from an authenticator app.
second-factor-title = Totrinnsinnlogging
second-factor-intro = Med totrinnsinnlogging loggar du inn med passordet og ein eingongskode frå ein app på telefonen (til dømes Microsoft Authenticator, Google Authenticator eller FreeOTP).
second-factor-link = Set opp eller fjern totrinnsinnlogging
second-factor-none = Du har ikkje sett opp totrinnsinnlogging.
second-factor-start = Set opp totrinnsinnlogging
second-factor-summary = Totrinnsinnlogging er sett opp sidan { $since }. Du har { $left ->
    [one] éin reservekode
   *[other] { $left } reservekodar
} att.
second-factor-removed = Totrinnsinnlogging er fjerna.
second-factor-remove-title = Fjern totrinnsinnlogging
second-factor-remove-hint = Skriv ein kode frå appen (eller ein reservekode) for å fjerne ho. Krev kommunen totrinnsinnlogging, må du setje ho opp att neste gong du loggar inn.
second-factor-remove-submit = Fjern totrinnsinnlogging
second-factor-back = Tilbake til innstillingar
second-factor-code-title = Eingongskode
second-factor-code-intro = Skriv den sekssifra koden som appen viser no.
second-factor-code-label = Kode frå appen eller reservekode
second-factor-code-submit = Logg inn
second-factor-code-recovery-hint = Har du ikkje telefonen? Skriv ein av reservekodane du fekk då du sette opp totrinnsinnlogging. Kvar reservekode verkar éin gong.
second-factor-cancel = Avbryt
second-factor-sign-in-again = Logg inn på nytt
second-factor-enrol-title = Set opp totrinnsinnlogging
second-factor-enrol-required = Kommunen krev totrinnsinnlogging for deg. Set ho opp no for å logge inn.
second-factor-enrol-step-app = Installer ein app for eingongskodar på telefonen, om du ikkje har ein.
second-factor-enrol-step-scan = Skann QR-koden med appen.
second-factor-enrol-manual = Kan du ikkje skanne? Legg inn denne nøkkelen i appen for hand:
second-factor-enrol-step-code = Skriv koden som appen viser
second-factor-enrol-submit = Stadfest
second-factor-recovery-title = Reservekodane dine
second-factor-recovery-done = Totrinnsinnlogging er sett opp.
second-factor-recovery-intro = Ta vare på desse kodane ein trygg stad. Du brukar dei om du mistar telefonen. Kvar kode verkar éin gong, og du ser dei berre no.
second-factor-recovery-continue = Eg har teke vare på kodane
second-factor-error-wrong = Koden stemmer ikkje. Skriv den nyaste koden frå appen, eller ein reservekode du ikkje har brukt.
second-factor-error-replayed = Denne koden er alt brukt. Vent til appen viser ein ny kode.
second-factor-error-ended = For mange feil kodar. Logg inn på nytt.
second-factor-error-enrolled = Du har alt sett opp totrinnsinnlogging.
setting-second-factor-required = Tilsette som ser personopplysingar, må logge inn med totrinnsinnlogging (1 = ja, 0 = nei)
audit-action-sign-in-step = Passord godteke, ventar på eingongskode
audit-action-delete = Fjerna
audit-resource-second-factor = Totrinnsinnlogging
# New recovery codes on one's own page.
second-factor-renew-title = Nye reservekodar
second-factor-renew-hint = Har du brukt opp eller mista reservekodane? Skriv ein kode frå appen (eller ein reservekode) for å få ti nye. Dei gamle sluttar å verke med ein gong.
second-factor-renew-submit = Lag nye reservekodar
second-factor-renewed = Du har fått nye reservekodar. Dei gamle verkar ikkje lenger.
second-factor-error-empty = Skriv ein kode frå appen eller ein reservekode.
# An administrator resets a lost second factor (Admin → Tilsette).
second-factor-error-own-reset = Du kan ikkje tilbakestille di eiga totrinnsinnlogging her. Gå til di eiga side for totrinnsinnlogging og bruk ein kode.
admin-staff-second-factor = Totrinnsinnlogging
admin-staff-second-factor-yes = Sett opp
admin-staff-second-factor-no = Ikkje sett opp
admin-staff-second-factor-reset = Tilbakestill totrinnsinnlogging
admin-staff-second-factor-reset-confirm = Har { $name } mista telefonen og reservekodane? Då kan du fjerne totrinnsinnlogginga, så må { $name } sette ho opp på nytt ved neste innlogging. Sjekk først at det verkeleg er { $name } som ber om det.
admin-staff-second-factor-reset-submit = Ja, tilbakestill
admin-staff-second-factor-own = Di eiga endrar du på di side
admin-done-second-factor-reset = Totrinnsinnlogginga er tilbakestilt. Den tilsette set ho opp på nytt ved neste innlogging.
admin-done-second-factor-reset-none = Den tilsette hadde inga totrinnsinnlogging. Ingenting er endra.
audit-resource-recovery-codes = Reservekodar
audit-resource-second-factor-reset = Tilbakestilling av totrinnsinnlogging
