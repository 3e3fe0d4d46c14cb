# Loggen slik familien leser den, og varsler. Skriv kort og enkelt: LIX 40 eller lavere.
portal-link-log = Loggen vår
portal-log-page-title = Loggen vår
portal-log-intro = Her ser du det vi skriver ned om barnet. Alle som hjelper, skriver i den samme loggen.
portal-log-none = Det er ingen logg ennå.
portal-log-level = Nivå { $level }
portal-log-level-1 = Én tjeneste hjelper barnet.
portal-log-level-2 = To tjenester hjelper barnet sammen.
portal-log-level-3 = Flere tjenester hjelper barnet sammen.
portal-log-opened = Loggen startet { $day }.
portal-log-closed = Loggen ble lukket { $day }.
portal-log-holder = Den som har ansvaret
portal-log-holder-none = Ingen har ansvaret nå.
portal-log-email = E-post:
portal-log-phone = Telefon:
portal-log-goals = Målene
portal-log-goals-none = Ingen mål ennå.
portal-log-measures = Det vi gjør
portal-log-measures-none = Ingenting ennå.
portal-log-measure-who = Ansvar: { $name }, { $unit }.
portal-log-measure-due = Vi ser på det igjen { $day }.
portal-log-measure-ended = Det er slutt nå.
portal-log-evaluations = Slik gikk det
portal-log-evaluations-none = Vi har ikke sett på det ennå.
portal-log-outcome-continue = Vi gjør det videre.
portal-log-outcome-change = Vi gjør det på en ny måte.
portal-log-outcome-end = Vi slutter med det.
portal-log-next = Neste gang: { $day }.
portal-log-meetings = Møtene våre
portal-log-entries = Det vi har skrevet
portal-log-entries-none = Ingenting ennå.
portal-log-kind-concern = Det vi så
portal-log-kind-agreement = Det vi ble enige om
portal-log-kind-participant = Med i laget
portal-log-kind-observation = Noe som gikk bra
portal-log-kind-family-note = Det dere sa
portal-log-kind-other = Notat
portal-log-withheld-title = Det som ikke vises
portal-log-withheld-health = Det finnes helseopplysninger som ikke vises her.
portal-log-withheld-school = Det finnes opplysninger fra skolen som ikke vises her.
portal-log-withheld-other = Det finnes opplysninger som ikke vises her.
portal-log-withheld-why = Spør den som har ansvaret, om du vil vite mer.

portal-link-notices = Få beskjed når det er noe nytt
portal-notices-title = Få beskjed når det er noe nytt
portal-notices-intro = Vi sender deg en kort beskjed når det er noe nytt om barnet ditt. Da kan du logge inn og lese. I beskjeden står det ikke hvem den gjelder.
portal-notices-email = E-post
portal-notices-phone = Mobil (SMS)
portal-notices-hint = La feltet stå tomt om du ikke vil ha beskjed slik.
portal-notices-save = Lagre
portal-notices-remove = Ta bort begge
portal-notices-saved = Det er lagret.
portal-notices-removed = Vi sender deg ingen beskjed nå.
portal-notices-bad-email = Det er ikke en e-post vi kan sende til. Se etter, og prøv igjen.
portal-notices-bad-phone = Det er ikke et nummer vi kan sende til. Skriv 8 til 15 tall.

family-notice-subject = Det er noe nytt på Familiesidene
family-notice-body = Hei!

    Det er noe nytt om barnet ditt på Familiesidene.
    Logg inn for å lese det: { $link }

    Vi skriver ikke mer her. Slik passer vi på dere.
family-notice-sms = Det er noe nytt om barnet ditt på Familiesidene: { $link }
