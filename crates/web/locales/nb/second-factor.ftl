# A second factor for local staff accounts: codes from an authenticator app.
second-factor-title = Totrinnsinnlogging
second-factor-intro = Med totrinnsinnlogging logger du inn med passordet og en engangskode fra en app på telefonen (for eksempel Microsoft Authenticator, Google Authenticator eller FreeOTP).
second-factor-link = Sett opp eller fjern totrinnsinnlogging
second-factor-none = Du har ikke satt opp totrinnsinnlogging.
second-factor-start = Sett opp totrinnsinnlogging
second-factor-summary = Totrinnsinnlogging er satt opp siden { $since }. Du har { $left ->
    [one] én reservekode
   *[other] { $left } reservekoder
} igjen.
second-factor-removed = Totrinnsinnlogging er fjernet.
second-factor-remove-title = Fjern totrinnsinnlogging
second-factor-remove-hint = Skriv en kode fra appen (eller en reservekode) for å fjerne den. Krever kommunen totrinnsinnlogging, må du sette den opp igjen neste gang du logger inn.
second-factor-remove-submit = Fjern totrinnsinnlogging
second-factor-back = Tilbake til innstillinger
second-factor-code-title = Engangskode
second-factor-code-intro = Skriv den sekssifrede koden som appen viser nå.
second-factor-code-label = Kode fra appen eller reservekode
second-factor-code-submit = Logg inn
second-factor-code-recovery-hint = Har du ikke telefonen? Skriv en av reservekodene du fikk da du satte opp totrinnsinnlogging. Hver reservekode virker én gang.
second-factor-cancel = Avbryt
second-factor-sign-in-again = Logg inn på nytt
second-factor-enrol-title = Sett opp totrinnsinnlogging
second-factor-enrol-required = Kommunen krever totrinnsinnlogging for deg. Sett den opp nå for å logge inn.
second-factor-enrol-step-app = Installer en app for engangskoder på telefonen, hvis du ikke har en.
second-factor-enrol-step-scan = Skann QR-koden med appen.
second-factor-enrol-manual = Kan du ikke skanne? Legg inn denne nøkkelen i appen for hånd:
second-factor-enrol-step-code = Skriv koden som appen viser
second-factor-enrol-submit = Bekreft
second-factor-recovery-title = Reservekodene dine
second-factor-recovery-done = Totrinnsinnlogging er satt opp.
second-factor-recovery-intro = Ta vare på disse kodene et trygt sted. Du bruker dem hvis du mister telefonen. Hver kode virker én gang, og du ser dem bare nå.
second-factor-recovery-continue = Jeg har tatt vare på kodene
second-factor-error-wrong = Koden stemmer ikke. Skriv den nyeste koden fra appen, eller en reservekode du ikke har brukt.
second-factor-error-replayed = Denne koden er allerede brukt. Vent til appen viser en ny kode.
second-factor-error-ended = For mange feil koder. Logg inn på nytt.
second-factor-error-enrolled = Du har allerede satt opp totrinnsinnlogging.
setting-second-factor-required = Ansatte som ser personopplysninger, må logge inn med totrinnsinnlogging (1 = ja, 0 = nei)
audit-action-sign-in-step = Passord godtatt, venter på engangskode
audit-action-delete = Fjernet
audit-resource-second-factor = Totrinnsinnlogging
# New recovery codes on one's own page.
second-factor-renew-title = Nye reservekoder
second-factor-renew-hint = Har du brukt opp eller mistet reservekodene? Skriv en kode fra appen (eller en reservekode) for å få ti nye. De gamle slutter å virke med en gang.
second-factor-renew-submit = Lag nye reservekoder
second-factor-renewed = Du har fått nye reservekoder. De gamle virker ikke lenger.
second-factor-error-empty = Skriv en kode fra appen eller en reservekode.
# An administrator resets a lost second factor (Admin → Ansatte).
second-factor-error-own-reset = Du kan ikke tilbakestille din egen totrinnsinnlogging her. Gå til din egen side for totrinnsinnlogging og bruk en kode.
admin-staff-second-factor = Totrinnsinnlogging
admin-staff-second-factor-yes = Satt opp
admin-staff-second-factor-no = Ikke satt opp
admin-staff-second-factor-reset = Tilbakestill totrinnsinnlogging
admin-staff-second-factor-reset-confirm = Har { $name } mistet telefonen og reservekodene? Da kan du fjerne totrinnsinnloggingen, så må { $name } sette den opp på nytt ved neste innlogging. Sjekk først at det virkelig er { $name } som ber om det.
admin-staff-second-factor-reset-submit = Ja, tilbakestill
admin-staff-second-factor-own = Din egen endrer du på din side
admin-done-second-factor-reset = Totrinnsinnloggingen er tilbakestilt. Den ansatte setter den opp på nytt ved neste innlogging.
admin-done-second-factor-reset-none = Den ansatte hadde ingen totrinnsinnlogging. Ingenting er endret.
audit-resource-recovery-codes = Reservekoder
audit-resource-second-factor-reset = Tilbakestilling av totrinnsinnlogging
