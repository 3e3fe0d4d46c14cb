app-name = ettlag
app-tagline = Ett lag rundt barnet
skip-to-content = Hopp til innholdet
nav-label = Hovedmeny
nav-children = Barn
nav-admin = Administrasjon
nav-audit = Tilgangslogg
nav-settings = Innstillinger
nav-sign-out = Logg ut
footer-text = ettlag viser bare opplysninger du har tjenstlig behov for. All innsyn logges.

login-title = Logg inn
login-intro = Logg inn med brukernavn og passord fra kommunen din.
login-username = Brukernavn
login-password = Passord
login-submit = Logg inn
login-error = Feil brukernavn eller passord.
login-locked = For mange mislykkede forsøk. Vent litt og prøv igjen.

settings-title = Innstillinger
settings-language = Språk
settings-save = Lagre

children-title = Barn
children-intro = Barna som går i enhetene dine.
children-intro-register = Alle barn i kommunens register.
children-search = Søk etter navn eller fødselsnummer
children-search-submit = Søk
children-none = Ingen barn å vise.
children-name = Navn
children-born = Født
children-unit = Enhet

child-back = Tilbake til barna
child-kind = Registrert som
child-national-id = Fødselsnummer
child-units = Enheter
child-no-units = Ikke registrert i noen enhet nå.
child-from = fra
child-to = til
child-people = Personer rundt
child-no-people = Ingen registrerte personer.

person-kind-child = Barn
person-kind-adult = Voksen
relation-guardian = Foresatt med foreldreansvar
relation-parent-without-responsibility = Forelder uten foreldreansvar
relation-close-person = Annen nær person

service-kindergarten = Barnehage
service-school = Skole
service-health-station = Helsestasjon og skolehelsetjeneste
service-ppt = PPT
service-child-welfare = Barnevern
service-nav = NAV
service-mental-health = Psykisk helse og rus
service-bup = BUP
service-gp = Fastlege
service-coordinating-unit = Koordinerende enhet
service-leisure = Fritid og frivillighet

role-staff = Ansatt
role-unit-leader = Enhetsleder
role-municipality-leader = Kommuneleder
role-intake = Mottak
role-admin = Administrator
role-privacy-officer = Personvernombud

error-title-400 = Noe var feil i det som ble sendt
error-title-401 = Du må logge inn
error-title-403 = Ikke tillatt
error-title-404 = Fant ikke siden
error-title-409 = Finnes allerede
error-title-412 = Endret av noen andre
error-title-413 = For stort
error-title-429 = For mange forsøk
error-title-500 = Noe gikk galt
error-not-found = Vi fant ikke det du lette etter, eller du har ikke tilgang til det.
error-forbidden = Du har ikke lov til å gjøre dette.
error-stale = Noen andre har endret dette siden du åpnet det. Last siden på nytt og prøv igjen.
error-unauthorized = Du må logge inn for å se dette.
error-too-many-requests = For mange forsøk. Vent litt og prøv igjen.
error-internal = Noe gikk galt hos oss. Ingenting ble endret. Prøv igjen om litt.
error-too-large = Det du sendte er for stort.
error-unknown-language = Det språket kjenner vi ikke.
error-back-home = Til forsiden
error-conflict-username = Brukernavnet er allerede i bruk.
error-conflict-unit-name = Det finnes allerede en enhet med det navnet.
error-conflict-national-identity-number = Det finnes allerede en person med dette fødselsnummeret.
error-conflict-relation = Denne relasjonen er allerede registrert.
error-conflict-enrolment = Barnet er allerede registrert i enheten fra denne datoen.
error-conflict-municipality = Kommunen finnes allerede.

nin-error-length = Et fødselsnummer har 11 siffer.
nin-error-digits = Et fødselsnummer har bare siffer.
nin-error-birth-date = De seks første sifrene er ikke en gyldig fødselsdato.
nin-error-checksum = Kontrollsifrene stemmer ikke. Sjekk at nummeret er skrevet riktig.

# api
error-bad-json = Forespørselen er ikke gyldig JSON med de feltene vi venter.
error-bad-query = Adressen har ugyldige parametere.
error-name-length = Et navn må ha mellom 1 og 100 tegn.
error-bad-date = Datoen må skrives som ÅÅÅÅ-MM-DD og være en gyldig dato.

# audit
audit-title = Tilgangslogg
audit-intro = Hvem som har sett eller endret hva, når, hvorfor, og om det var tillatt. Selve oppslaget i loggen blir også logget.
audit-filter-resource = Id for person eller enhet
audit-filter-actor = Id for ansatt
audit-filter-denied = Bare avviste
audit-filter-submit = Vis
audit-none = Ingen oppføringer passer.
audit-older = Eldre oppføringer
audit-col-time = Tid (UTC)
audit-col-actor = Hvem
audit-col-action = Hva
audit-col-resource = Gjelder
audit-col-purpose = Formål
audit-col-outcome = Utfall
audit-allowed = Tillatt
audit-denied = Avvist
audit-action-read = Åpnet
audit-action-list = Så i liste
audit-action-create = Opprettet
audit-action-update = Endret
audit-action-sign-in = Logget inn
audit-action-sign-out = Logget ut
audit-resource-person = Person
audit-resource-unit = Enhet
audit-resource-staff = Ansatt
audit-resource-audit-log = Tilgangsloggen
audit-resource-session = Innlogging
audit-purpose-follow-up = Oppfølging
audit-purpose-administration = Administrasjon
audit-purpose-privacy-review = Personvernkontroll
audit-purpose-system = System
