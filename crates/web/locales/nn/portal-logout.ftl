portal-logout-title = Du er logga ut
portal-logout-done = Du er logga ut her og i ID-porten.
portal-logout-local-only = Du er logga ut her. Vi fekk ikkje logga deg ut av ID-porten. Lat att nettlesaren for å vere trygg.
portal-logout-unconfirmed = Du er logga ut her. Vi veit ikkje om du er logga ut av ID-porten. Lat att nettlesaren for å vere trygg.
portal-logout-again = Logg inn igjen
portal-logout-leaving = Vi loggar deg ut av ID-porten
portal-logout-go-on = Gå vidare til ID-porten
