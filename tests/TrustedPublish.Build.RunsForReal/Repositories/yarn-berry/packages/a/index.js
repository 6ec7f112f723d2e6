exports.hello = () => "hello";
