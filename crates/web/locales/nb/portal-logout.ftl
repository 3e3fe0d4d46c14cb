portal-logout-title = Du er logget ut
portal-logout-done = Du er logget ut her og i ID-porten.
portal-logout-local-only = Du er logget ut her. Vi fikk ikke logget deg ut av ID-porten. Lukk nettleseren for å være trygg.
portal-logout-unconfirmed = Du er logget ut her. Vi vet ikke om du er logget ut av ID-porten. Lukk nettleseren for å være trygg.
portal-logout-again = Logg inn igjen
portal-logout-leaving = Vi logger deg ut av ID-porten
portal-logout-go-on = Gå videre til ID-porten
