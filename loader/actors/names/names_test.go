package names

import "testing"

func TestFold(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"Vučić", "vucic"},
		{"Aleksandar Vučić", "aleksandar vucic"},
		{"al-Sharaa", "al sharaa"},
		{"J.D. Vance", "j d vance"},
		{"Gideon Sa'ar", "gideon saar"},
		{"Recep Tayyip Erdoğan", "recep tayyip erdogan"},
		{"Jean-Noël Barrot", "jean noel barrot"},
		{"  Łukasz   Żurek ", "lukasz zurek"},
		{"Ahmed Al Shara", "ahmed al shara"},
		{"Straße", "strasse"},
		{"", ""},
	} {
		if got := Fold(tt.in); got != tt.want {
			t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestKeySame lists spellings that must share a key.
func TestKeySame(t *testing.T) {
	groups := [][]string{
		{"Volodymyr Zelenskyy", "Volodymyr Zelensky", "Volodymyr Zelenskiy", "President Volodymyr Zelenskyy", "Volodymyr Zelenskii"},
		{"Zelenskyy", "Zelensky", "Zelenskiy", "Mr Zelensky", "President Zelenskiy"},
		{"Aleksandar Vučić", "Aleksandar Vucic", "ALEKSANDAR VUCIC"},
		{"Ahmed al-Sharaa", "Ahmad al-Sharaa", "Ahmed Al Sharaa", "Ahmad Al Shara", "Ahmed al Sharaa", "President Ahmed al-Sharaa"},
		{"al-Sharaa", "Al Shara", "Sharaa", "Mr Shara", "al Sharaa"},
		{"Bashar al-Assad", "Bashar Al Assad", "Bashar Assad", "Bashar el-Assad"},
		{"Abdel Fattah el-Sisi", "Abdel Fattah al-Sisi", "Abdul Fattah Sisi", "Abd al-Fattah al-Sisi"},
		{"Mohammed bin Salman", "Mohammad bin Salman", "Muhammad bin Salman", "Crown Prince Mohammed bin Salman", "Mohamed bin Salman"},
		{"Abdul-Malik al-Houthi", "Abdulmalik al-Houthi", "Abdel Malik al-Houthi"},
		{"Oleksandr Syrskyi", "Oleksandr Syrsky", "Oleksandr Syrskiy"},
		{"Andrii Sybiha", "Andriy Sybiha"},
		{"Sergei Lavrov", "Sergey Lavrov"},
		{"Dmitry Peskov", "Dmitri Peskov"},
		{"Alexei Navalny", "Aleksei Navalny", "Alexey Navalny", "Aleksey Navalnyy"},
		{"Salome Zourabichvili", "Salome Zurabichvili"},
		{"Ferdinand Marcos Jr.", "Ferdinand Marcos Jr", "Ferdinand Marcos"},
		{"Ayatollah Ali Khamenei", "Ali Khamenei", "Supreme Leader Ali Khamenei", "Grand Ayatollah Ali Khamenei"},
		{"Sheikh Tamim bin Hamad Al Thani", "Tamim bin Hamad al-Thani"},
		{"Jean-Noël Barrot", "Jean-Noel Barrot", "Jean Noel Barrot"},
		{"Recep Tayyip Erdoğan", "Recep Tayyip Erdogan"},
		{"Gideon Sa'ar", "Gideon Saar", "Gideon Sa’ar"},
		{"Mahmoud Abbas", "Mahmud Abbas", "President Mahmoud Abbas"},
		{"Youssef Chahed", "Yusuf Chahed"},
		{"Dzhokhar Dudayev", "Jokhar Dudayev"},
		{"Abdoulaye Wade", "Abdulaye Wade"},
		{"Hussein Arnous", "Hussain Arnous"},
		{"Abdullah Abdullah", "Abdallah Abdallah"},
		{"Muammar Gaddafi", "Muammar Gadafi"},
	}
	for _, g := range groups {
		want := Key(g[0])
		for _, n := range g[1:] {
			if got := Key(n); got != want {
				t.Errorf("Key(%q) = %q, want %q as for %q", n, got, want, g[0])
			}
		}
	}
}

// TestKeyDifferent lists names that must stay apart.
func TestKeyDifferent(t *testing.T) {
	pairs := [][2]string{
		{"Kim Jong Un", "Kim Jong Il"},
		{"Imran Khan", "Imran Han"},
		{"Hassan Rouhani", "Hossein Rouhani"},
		{"Ali Khamenei", "Ali Khomeini"},
		{"Ursula von der Leyen", "Ursula Leyen"},
		{"Mohammed bin Salman", "Mohammed bin Zayed"},
		{"Li Qiang", "Li Keqiang"},
		{"George Bush", "George W. Bush"},
		{"Raul Castro", "Fidel Castro"},
		{"Abdullah", "Abdul"},
		{"Omar", "Amr"},
		{"Beta", "Bета"},
		{"Alexander", "Aleksandr"},
		{"Kallas", "Kalas Barrot"},
	}
	for _, p := range pairs {
		if Key(p[0]) == Key(p[1]) {
			t.Errorf("Key(%q) == Key(%q) == %q, want different", p[0], p[1], Key(p[0]))
		}
	}
}

func TestOrgKey(t *testing.T) {
	for _, g := range [][]string{
		{"Hayat Tahrir al-Sham", "Hayat Tahrir Al Sham", "Hayat Tahrir al Sham", "HAYAT TAHRIR AL-SHAM", "Hay'at Tahrir al-Sham"},
		{"Hezbollah", "Hezbolah"},
		{"NATO", "Nato", "nato"},
		{"General Motors", "GENERAL MOTORS"},
	} {
		for _, n := range g[1:] {
			if OrgKey(n) != OrgKey(g[0]) {
				t.Errorf("OrgKey(%q) = %q, want %q as for %q", n, OrgKey(n), OrgKey(g[0]), g[0])
			}
		}
	}
	if OrgKey("General Motors") == OrgKey("Motors") {
		t.Errorf("OrgKey strips the title-like first word of General Motors")
	}
}

func TestKeyExamples(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"Ursula von der Leyen", "ursula von der leyen"},
		{"von der Leyen", "von der leyen"},
		{"Volodymyr Zelenskyy", "volodymyr zelenski"},
		{"Ahmed al-Sharaa", "ahmad shara"},
		{"al", "al"},
		{"Al", "al"},
		{"President", "president"},
		{"the president", "the president"},
		{"NATO", "nato"},
		{"Nato", "nato"},
		{"Abdulmalik", "abd malik"},
		{"Abdullah", "abdulah"},
		{"Xi Jinping", "ksi jinping"},
		{"", ""},
	} {
		if got := Key(tt.in); got != tt.want {
			t.Errorf("Key(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestStripTitles(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"President Ramaphosa", "Ramaphosa"},
		{"Mr Shara", "Shara"},
		{"Mr. Shara", "Shara"},
		{"Mrs May", "May"},
		{"Dr. Tedros Adhanom Ghebreyesus", "Tedros Adhanom Ghebreyesus"},
		{"Prime Minister Keir Starmer", "Keir Starmer"},
		{"former Prime Minister Imran Khan", "Imran Khan"},
		{"Sheikh Tamim", "Tamim"},
		{"Crown Prince Mohammed bin Salman", "Mohammed bin Salman"},
		{"Supreme Leader Ayatollah Ali Khamenei", "Ali Khamenei"},
		{"Lt. Gen. Abdel Fattah al-Burhan", "Abdel Fattah al-Burhan"},
		{"UN Secretary-General Antonio Guterres", "Antonio Guterres"},
		{"the late Queen Elizabeth", "Elizabeth"},
		{"Field Marshal Asim Munir", "Asim Munir"},
		{"the president", "the president"},
		{"President", "President"},
		{"Kim Jong Un", "Kim Jong Un"},
		{"Martin Luther King", "Martin Luther King"},
		{"General Motors", "Motors"}, // titles of people: organisations use OrgKey
	} {
		if got := StripTitles(tt.in); got != tt.want {
			t.Errorf("StripTitles(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestIsTitle(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want bool
	}{
		{"the president", true},
		{"The President", true},
		{"Prime Minister", true},
		{"the prime minister", true},
		{"the late king", true},
		{"Mr", true},
		{"President Ruto", false},
		{"Ruto", false},
		{"", false},
		{"the alliance", false},
	} {
		if got := IsTitle(tt.in); got != tt.want {
			t.Errorf("IsTitle(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestSurname(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"Ursula von der Leyen", "von der Leyen"},
		{"President Ursula von der Leyen", "von der Leyen"},
		{"Ahmed al-Sharaa", "al-Sharaa"},
		{"Ahmad Al Shara", "Al Shara"},
		{"Mohammed bin Salman", "bin Salman"},
		{"Tamim bin Hamad Al Thani", "Al Thani"},
		{"Abdel Fattah el-Sisi", "el-Sisi"},
		{"Charles de Gaulle", "de Gaulle"},
		{"Luiz Inácio Lula da Silva", "da Silva"},
		{"Ferdinand Marcos Jr.", "Marcos"},
		{"Martin Luther King Jr.", "King"},
		{"Cyril Ramaphosa", "Ramaphosa"},
		{"President Cyril Ramaphosa", "Ramaphosa"},
		{"Xi Jinping", "Xi"},
		{"Li Keqiang", "Li"},
		{"Wang Yi", "Wang"},
		{"Kim Jong Un", "Kim"},
		{"Moon Jae-in", "Moon"},
		{"Lai Ching-te", "Lai"},
		{"Yoon Suk Yeol", "Yoon"},
		{"Kim Darroch", "Darroch"},
		{"Lee Anderson", "Anderson"},
		{"Van Jones", "Jones"},
		{"Martin Van Buren", "Van Buren"},
		{"Shinzo Abe", "Abe"},
		{"Nguyen Phu Trong", "Trong"},
		{"Putin", "Putin"},
		{"", ""},
	} {
		if got := Surname(tt.in); got != tt.want {
			t.Errorf("Surname(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestRefers(t *testing.T) {
	for _, tt := range []struct {
		short, full string
		want        bool
	}{
		{"Mr Shara", "Ahmed al-Sharaa", true},
		{"al-Sharaa", "Ahmed al-Sharaa", true},
		{"Sharaa", "Ahmad Al Shara", true},
		{"von der Leyen", "Ursula von der Leyen", true},
		{"Leyen", "Ursula von der Leyen", false},
		{"Zelensky", "Volodymyr Zelenskyy", true},
		{"President Zelenskiy", "Volodymyr Zelenskyy", true},
		{"Vucic", "Aleksandar Vučić", true},
		{"Mugabe", "Robert Mugabe", true},
		{"Lula da Silva", "Luiz Inácio Lula da Silva", true},
		{"bin Salman", "Mohammed bin Salman", true},
		{"Xi", "Xi Jinping", true},
		{"Jinping", "Xi Jinping", false},
		{"Jong Un", "Kim Jong Un", false},
		{"Abdel Fattah Sisi", "Abdel Fattah el-Sisi", true},
		{"Robert", "Robert Mugabe", false},
		{"Bush", "George W. Bush", true},
		{"Mugabe", "Grace Mugabe", true}, // the same surname: telling them apart is the caller's job
		{"", "Robert Mugabe", false},
		{"Alsharaa", "Ahmed al-Sharaa", true},
		{"Ahmed Alsharaa", "Ahmed al-Sharaa", true},
		{"Alexander", "Alexander Stubb", false},
		{"Alberto", "Alberto Fernandez", false},
	} {
		if got := Refers(tt.short, tt.full); got != tt.want {
			t.Errorf("Refers(%q, %q) = %v, want %v", tt.short, tt.full, got, tt.want)
		}
	}
}

func TestSimilarity(t *testing.T) {
	if s := Similarity("Zelenskyy", "Zelenskiy"); s != 1 {
		t.Errorf("Similarity of two spellings of one key = %v, want 1", s)
	}
	if s := Similarity("Herzegovina", "Herzogovina"); s < 0.85 {
		t.Errorf("Similarity(Herzegovina, Herzogovina) = %.2f, want >= 0.85", s)
	}
	if s := Similarity("Volodymyr Zelenskyy", "Volodimir Zelenski"); s < 0.85 {
		t.Errorf("Similarity(Volodymyr Zelenskyy, Volodimir Zelenski) = %.2f, want >= 0.85", s)
	}
	if s := Similarity("Vladimir Putin", "Volodymyr Zelenskyy"); s > 0.5 {
		t.Errorf("Similarity(Putin, Zelenskyy) = %.2f, want <= 0.5", s)
	}
	if s := Similarity("", ""); s != 1 {
		t.Errorf("Similarity of two empty names = %v, want 1", s)
	}
	if s := Similarity("Abc", ""); s != 0 {
		t.Errorf("Similarity(Abc, \"\") = %v, want 0", s)
	}
}

func TestIsPinyin(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want bool
	}{
		{"jinping", true}, {"keqiang", true}, {"yi", true}, {"qiang", true}, {"jintao", true},
		{"darroch", false}, {"anderson", false}, {"smith", false}, {"", false},
	} {
		if got := isPinyin(tt.in); got != tt.want {
			t.Errorf("isPinyin(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}
