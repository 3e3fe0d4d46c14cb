# Loggen som familien læser den, og beskeder. Skriv kort og enkelt: LIX 40 eller lavere.
portal-link-log = Vores log
portal-log-page-title = Vores log
portal-log-intro = Her ser du det, vi skriver ned om barnet. Alle der hjælper, skriver i den samme log.
portal-log-none = Der er ingen log endnu.
portal-log-level = Niveau { $level }
portal-log-level-1 = Én tjeneste hjælper barnet.
portal-log-level-2 = To tjenester hjælper barnet sammen.
portal-log-level-3 = Flere tjenester hjælper barnet sammen.
portal-log-opened = Loggen startede { $day }.
portal-log-closed = Loggen blev lukket { $day }.
portal-log-holder = Den der har ansvaret
portal-log-holder-none = Ingen har ansvaret nu.
portal-log-email = E-mail:
portal-log-phone = Telefon:
portal-log-goals = Målene
portal-log-goals-none = Ingen mål endnu.
portal-log-measures = Det vi gør
portal-log-measures-none = Intet endnu.
portal-log-measure-who = Ansvar: { $name }, { $unit }.
portal-log-measure-due = Vi ser på det igen { $day }.
portal-log-measure-ended = Det er slut nu.
portal-log-evaluations = Sådan gik det
portal-log-evaluations-none = Vi har ikke set på det endnu.
portal-log-outcome-continue = Vi gør det videre.
portal-log-outcome-change = Vi gør det på en ny måde.
portal-log-outcome-end = Vi stopper med det.
portal-log-next = Næste gang: { $day }.
portal-log-meetings = Vores møder
portal-log-entries = Det vi har skrevet
portal-log-entries-none = Intet endnu.
portal-log-kind-concern = Det vi så
portal-log-kind-agreement = Det vi blev enige om
portal-log-kind-participant = Med i holdet
portal-log-kind-observation = Noget der gik godt
portal-log-kind-family-note = Det I sagde
portal-log-kind-other = Notat
portal-log-withheld-title = Det der ikke vises
portal-log-withheld-health = Der er helbredsoplysninger, som ikke vises her.
portal-log-withheld-school = Der er oplysninger fra skolen, som ikke vises her.
portal-log-withheld-other = Der er oplysninger, som ikke vises her.
portal-log-withheld-why = Spørg den der har ansvaret, hvis du vil vide mere.

portal-link-notices = Få besked når der er noget nyt
portal-notices-title = Få besked når der er noget nyt
portal-notices-intro = Vi sender dig en kort besked, når der er noget nyt om dit barn. Så kan du logge ind og læse. I beskeden står der ikke, hvem den gælder.
portal-notices-email = E-mail
portal-notices-phone = Mobil (SMS)
portal-notices-hint = Lad feltet stå tomt, hvis du ikke vil have besked sådan.
portal-notices-save = Gem
portal-notices-remove = Fjern begge
portal-notices-saved = Det er gemt.
portal-notices-removed = Vi sender dig ingen besked nu.
portal-notices-bad-email = Det er ikke en e-mail, vi kan sende til. Se efter, og prøv igen.
portal-notices-bad-phone = Det er ikke et nummer, vi kan sende til. Skriv 8 til 15 tal.

family-notice-subject = Der er noget nyt på Familiesiderne
family-notice-body = Hej!

    Der er noget nyt om dit barn på Familiesiderne.
    Log ind for at læse det: { $link }

    Vi skriver ikke mere her. Sådan passer vi på jer.
family-notice-sms = Der er noget nyt om dit barn på Familiesiderne: { $link }
