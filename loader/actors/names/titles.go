package names

import "strings"

// titles are the honorifics, ranks and offices written before a name, folded (see Fold).
// StripTitles removes the longest that starts a name, repeatedly ("former Prime Minister
// Dr ...").
var titles = map[string]bool{}

func init() {
	for _, t := range strings.Split(titleList, "\n") {
		if t = strings.TrimSpace(t); t != "" && !strings.HasPrefix(t, "#") {
			titles[Fold(t)] = true
		}
	}
}

// titleWords is the most words a title has.
const titleWords = 4

const titleList = `
# courtesy and academic
Mr
Mrs
Ms
Miss
Mx
Dr
Prof
Professor
Sir
Dame
Lord
Lady
Madam
Madame
Monsieur
Herr
Frau
Señor
Senor
His Excellency
Her Excellency
HE
# modifiers of a title or name
the
former
late
the late
acting
interim
outgoing
incoming
ousted
exiled
deposed
then
ex
# heads of state and government
President
Vice President
Vice-President
President-elect
Prime Minister
PM
Premier
Chancellor
Vice Chancellor
Deputy Prime Minister
Chief Minister
First Minister
King
Queen
Crown Prince
Prince
Princess
Emir
Amir
Sultan
Sheikh
Sheik
Shaikh
Shaykh
Supreme Leader
Chairman
Chairwoman
Chair
General Secretary
Secretary-General
Secretary General
UN Secretary-General
Secretary
Secretary of State
High Representative
Commissioner
Governor
Gov
Mayor
Speaker
Senator
Sen
Representative
Rep
Congressman
Congresswoman
MP
Minister
Foreign Minister
Defence Minister
Defense Minister
Interior Minister
Finance Minister
Ambassador
Envoy
Special Envoy
Spokesman
Spokeswoman
Spokesperson
Judge
Justice
Chief Justice
Attorney General
# religious
Ayatollah
Grand Ayatollah
Imam
Mullah
Pope
Patriarch
Archbishop
Bishop
Cardinal
Rabbi
Reverend
Rev
Father
# military and police
General
Gen
Lieutenant General
Lt Gen
Lt-Gen
Major General
Maj Gen
Maj-Gen
Brigadier
Brigadier General
Brig Gen
Colonel
Col
Lieutenant Colonel
Lt Col
Major
Maj
Captain
Capt
Lieutenant
Lt
Sergeant
Sgt
Admiral
Adm
Vice Admiral
Rear Admiral
Marshal
Field Marshal
Air Marshal
Commander
Cmdr
Commander-in-Chief
Chief of Staff
Commissar
Comrade
`

// StripTitles removes the titles and honorifics that start a name: "President Ramaphosa" ->
// "Ramaphosa", "Mr Shara" -> "Shara", "former Prime Minister Dr. Abiy Ahmed" -> "Abiy Ahmed".
// A name that is nothing but a title is returned unchanged ("the President" stays, so that a
// caller can tell a title-only reference from a name).
func StripTitles(name string) string {
	words := strings.Fields(name)
	if IsTitle(name) {
		return strings.Join(words, " ")
	}
	for {
		n := titlePrefix(words)
		if n == 0 || n == len(words) {
			return strings.Join(words, " ")
		}
		words = words[n:]
	}
}

// titlePrefix returns how many of the words, from the first, form the longest title.
func titlePrefix(words []string) int {
	for n := min(titleWords, len(words)); n > 0; n-- {
		if titles[Fold(strings.Join(words[:n], " "))] {
			return n
		}
	}
	return 0
}

// IsTitle reports whether a phrase is a title alone, without a name: "the president", "Prime
// Minister", "Mr". Such a phrase refers to a person named earlier, or to the office.
func IsTitle(phrase string) bool {
	words := strings.Fields(phrase)
	if len(words) == 0 {
		return false
	}
	for len(words) > 0 {
		n := titlePrefix(words)
		if n == 0 {
			return false
		}
		words = words[n:]
	}
	return true
}
